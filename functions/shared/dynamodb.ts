import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { StillUnprocessedError, untilDone } from './retry.ts';

/**
 * One client per process. The endpoint comes from the environment the AWS SDK way
 * (AWS_ENDPOINT_URL_DYNAMODB), which is how the local runtime and LocalStack plug in.
 */
let client: DynamoDBClient | undefined;

export function dynamodb(): DynamoDBClient {
  client ??= new DynamoDBClient({ maxAttempts: 5 });
  return client;
}

export function tableName(): string {
  const name = process.env.TABLE_NAME;
  if (name === undefined || name === '') throw new Error('TABLE_NAME is not set');
  return name;
}

/** Every item of a query, page after page, unmarshalled. */
export async function* queryAll(client: DynamoDBClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  let start: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await client.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    for (const item of page.Items ?? []) yield unmarshall(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

/** DynamoDB's batch calls leave items unprocessed when throttled: retried with a growing pause, then a 503. */
const BATCH_BACKOFF = { attempts: 10, firstPauseMs: 25, maxExponent: 6 };

/** Puts items 25 at a time, retrying what DynamoDB leaves unprocessed with a growing pause. */
export async function batchPutAll(client: DynamoDBClient, table: string, items: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const requests = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
    const left = await untilDone(
      requests,
      async (pending) => {
        const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: [...pending] } }));
        return (UnprocessedItems?.[table] ?? []) as typeof requests;
      },
      BATCH_BACKOFF,
    );
    if (left.length > 0) throw new StillUnprocessedError('BatchWriteItem', left.length);
  }
}

/** Gets items by key, 100 at a time, retrying unprocessed keys. */
export async function batchGetAll(
  client: DynamoDBClient,
  table: string,
  keys: readonly Record<string, unknown>[],
  consistent = false,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const left = await untilDone(
      keys.slice(i, i + 100).map((k) => marshall(k)),
      async (pending) => {
        const { Responses, UnprocessedKeys } = await client.send(
          new BatchGetItemCommand({ RequestItems: { [table]: { Keys: [...pending], ...(consistent ? { ConsistentRead: true } : {}) } } }),
        );
        for (const item of Responses?.[table] ?? []) found.push(unmarshall(item));
        return UnprocessedKeys?.[table]?.Keys ?? [];
      },
      BATCH_BACKOFF,
    );
    if (left.length > 0) throw new StillUnprocessedError('BatchGetItem', left.length);
  }
  return found;
}
