import { startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';

/** One real DynamoDB Local for the integration tier; each test file makes its own tables. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynamoDbLocal({});
  (globalThis as { __dynamo?: typeof dynamo }).__dynamo = dynamo;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
}
