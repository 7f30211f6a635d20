import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { ACTIVITY_RETENTION_DAYS, type ActivityEntry } from '../domain/activity.ts';
import { activityPartition } from './table-layout.ts';

const partition = activityPartition;

/** The activity feed: newest first per agency, deduplicated on stream + seq, expiring through the table's TTL. */
export class DynamoDbActivityFeed {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  /** Returns false when the entry was already there (a redelivery). */
  async record(entry: ActivityEntry): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(entry.recordedAt) / 1000) + ACTIVITY_RETENTION_DAYS * 86_400;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({
            pk: partition(entry.agency),
            sk: `${entry.recordedAt}#${entry.stream}#${String(entry.seq).padStart(10, '0')}`,
            kind: 'activity',
            entry: JSON.stringify(entry),
            expiresAt,
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async list(agency: string, limit: number, cursor?: string): Promise<{ items: ActivityEntry[]; cursor?: string }> {
    const startKey = decodeCursor(cursor, { pk: partition(agency) });
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': partition(agency) }),
        ScanIndexForward: false,
        Limit: limit,
        ...(startKey === undefined ? {} : { ExclusiveStartKey: marshall(startKey) }),
      }),
    );
    const next = encodeCursor(LastEvaluatedKey === undefined ? undefined : unmarshall(LastEvaluatedKey));
    return {
      items: Items.map((item) => JSON.parse(String(unmarshall(item).entry)) as ActivityEntry),
      ...(next === undefined ? {} : { cursor: next }),
    };
  }
}
