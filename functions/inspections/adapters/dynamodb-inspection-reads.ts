import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { HEAD_SK, streamKey } from '#records/adapters/dynamodb-event-store';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { batchGetAll, queryAll } from '#shared/dynamodb';
import { inspectionStream } from '../domain/assign.ts';
import { fromHead, type InspectionState } from '../domain/inspection.ts';
import { inspectionsOf, worklistPartition } from './table-layout.ts';

/** What the inspections context reads: worklist pointers, stream heads, the owner's inspections. */
export class DynamoDbInspectionReads {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  /** The states cached on these streams' heads, by stream. */
  async heads<T>(streams: readonly string[]): Promise<Map<string, T>> {
    const items = await batchGetAll(
      this.client,
      this.table,
      streams.map((s) => ({ pk: streamKey(s), sk: HEAD_SK })),
    );
    return new Map(items.map((head) => [String(head.stream), JSON.parse(String(head.state)) as T]));
  }

  /** One page of an inspector's worklist, by planned date, with each inspection as it stands now. */
  async worklist(
    agency: string,
    inspector: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: InspectionState[]; cursor?: string }> {
    const pk = worklistPartition(agency, inspector);
    const start = decodeCursor(cursor, { pk });
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
      }),
    );
    const ids = (page.Items ?? []).map((i) => (JSON.parse(String(unmarshall(i).entry)) as { inspectionId: string }).inspectionId);
    const current = await this.heads<InspectionState>(ids.map(inspectionStream));
    const items = ids.flatMap((id) => {
      const state = current.get(inspectionStream(id));
      return state === undefined ? [] : [fromHead(state)];
    });
    const next = encodeCursor(page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey));
    return { items, ...(next === undefined ? {} : { cursor: next }) };
  }

  async *ofAgency(agency: string): AsyncGenerator<InspectionState> {
    for await (const item of queryAll(this.client, {
      TableName: this.table,
      IndexName: inspectionsOf(agency).index,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: marshall({ ':p': inspectionsOf(agency).partition }),
    })) {
      yield fromHead(JSON.parse(String(item.state)));
    }
  }
}
