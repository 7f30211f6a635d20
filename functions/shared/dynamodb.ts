import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

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
