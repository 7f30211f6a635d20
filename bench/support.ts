import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables, startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** A fresh in-memory DynamoDB Local with the platform's tables, for one benchmark; `stop` ends it. */
export async function benchTable(table = 'bench-records') {
  const dynamo = await startDynamoDbLocal({});
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  try {
    await createTables(client, { table, idempotency: 'bench-idem' });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return {
    client,
    table,
    endpoint: dynamo.endpoint,
    stop: async () => {
      client.destroy();
      await dynamo.stop();
    },
  };
}
