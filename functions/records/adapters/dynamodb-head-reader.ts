import { type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { batchGetAll } from '#shared/dynamodb';
import type { HeadReader, ListQuery, StoredRecord } from '../ports.ts';
import { HEAD_SK, streamKey } from './table-layout.ts';

/** Reads directory records from their stream heads (state cached there in the same transaction as the events). */
export class DynamoDbHeadReader implements HeadReader {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async get<S>(stream: string): Promise<StoredRecord<S> | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: marshall({ pk: streamKey(stream), sk: HEAD_SK }), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : recordOf<S>(unmarshall(Item));
  }

  async getMany<S>(streams: readonly string[]): Promise<Map<string, StoredRecord<S>>> {
    const unique = [...new Set(streams)];
    const items = await batchGetAll(
      this.client,
      this.table,
      unique.map((stream) => ({ pk: streamKey(stream), sk: HEAD_SK })),
      true,
    );
    return new Map(items.map((item) => [String(item.stream), recordOf<S>(item)]));
  }

  async list<S>(query: ListQuery): Promise<{ items: StoredRecord<S>[]; cursor?: string }> {
    const pkName = `${query.index}pk`;
    const skName = `${query.index}sk`;
    const startKey = decodeCursor(query.cursor, { [pkName]: query.partition });
    const values: Record<string, string> = { ':p': query.partition };
    let condition = `${pkName} = :p`;
    if (query.prefix !== undefined) {
      condition += ` AND begins_with(${skName}, :prefix)`;
      values[':prefix'] = query.prefix;
    } else if (query.upTo !== undefined) {
      condition += ` AND ${skName} <= :upTo`;
      values[':upTo'] = query.upTo;
    }
    if (query.contains !== undefined) values[':contains'] = query.contains.value;
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: query.index,
        KeyConditionExpression: condition,
        ...(query.contains === undefined
          ? {}
          : { FilterExpression: 'contains(#contains, :contains)', ExpressionAttributeNames: { '#contains': query.contains.attribute } }),
        ExpressionAttributeValues: marshall(values),
        Limit: query.limit,
        ...(query.descending ? { ScanIndexForward: false } : {}),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: marshall(startKey) }),
      }),
    );
    const cursor = encodeCursor(LastEvaluatedKey === undefined ? undefined : unmarshall(LastEvaluatedKey));
    return { items: Items.map((item) => recordOf<S>(unmarshall(item))), ...(cursor === undefined ? {} : { cursor }) };
  }
}

function recordOf<S>(item: Record<string, unknown>): StoredRecord<S> {
  return {
    stream: String(item.stream),
    state: JSON.parse(String(item.state)) as S,
    agency: String(item.agency),
    version: Number(item.version),
    lastHash: String(item.lastHash),
    updatedAt: String(item.updatedAt),
  };
}
