import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTables } from '../../infra/local/dynamodb-local.ts';

/** A client on the integration tier's DynamoDB Local and a fresh pair of tables for one test file. */
export async function freshTables(
  label: string,
): Promise<{ client: DynamoDBClient; table: string; idempotency: string; endpoint: string }> {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (endpoint === undefined) throw new Error('the integration tier needs DynamoDB Local (see test/integration/global-setup.ts)');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const suffix = `${label}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const names = { table: `records-${suffix}`, idempotency: `idem-${suffix}` };
  await createTables(client, names);
  return { client, table: names.table, idempotency: names.idempotency, endpoint };
}
