/** The DynamoDB client alone, one GetItem: the floor a function that reads the table cannot go under (DESIGN §8). */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export const handler = async (event: { pathParameters?: Record<string, string> }) => {
  const id = event.pathParameters?.id ?? '';
  const item = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: id }, sk: { S: id } } }));
  return { statusCode: 200, body: JSON.stringify(item.Item ?? {}) };
};
