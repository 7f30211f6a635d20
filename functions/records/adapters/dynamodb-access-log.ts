import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { batchPutAll } from '#shared/dynamodb';
import type { AccessEntry, AccessLog } from '../ports.ts';
import { accessLogPartition } from './table-layout.ts';

/**
 * Who read which record when (DESIGN §5): each read is kept twice, under the record's agency and under the
 * reader's, so an agency sees who read its records and an auditor's office sees what it read.
 */
export class DynamoDbAccessLog implements AccessLog {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async record(entry: AccessEntry): Promise<void> {
    const sk = `${entry.at}#${crypto.randomUUID()}`;
    await batchPutAll(this.client, this.table, [
      { pk: accessLogPartition(entry.recordAgency, false), sk, kind: 'access', entry: JSON.stringify(entry) },
      { pk: accessLogPartition(entry.readerAgency, true), sk, kind: 'access', entry: JSON.stringify(readersCopy(entry)) },
    ]);
  }

  /** Newest first: the reads of the agency's cases, or (`byReader`) the reads its own people made. */
  async list(agency: string, byReader: boolean, limit: number, cursor?: string): Promise<{ items: AccessEntry[]; cursor?: string }> {
    const pk = accessLogPartition(agency, byReader);
    const start = decodeCursor(cursor, { pk });
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        ScanIndexForward: false,
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
      }),
    );
    const next = encodeCursor(page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey));
    return {
      items: (page.Items ?? []).map((i) => JSON.parse(String(unmarshall(i).entry)) as AccessEntry),
      ...(next === undefined ? {} : { cursor: next }),
    };
  }
}

/**
 * What the reader's agency keeps of a read: all of it, except for a refused one, where the record stays with its own
 * agency only: the reader's side learns that a read was refused, never that the record it named exists.
 */
export function readersCopy(entry: AccessEntry): AccessEntry {
  if (entry.denied !== true) return entry;
  const { caseId: _caseId, ...rest } = entry;
  return { ...rest, record: 'another agency’s record', recordAgency: '' };
}
