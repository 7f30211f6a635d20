import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { dynamodb, tableName } from '#shared/dynamodb';

/** GET /health: 200 once the table answers, 503 otherwise. Public and cheap, so kept outside the middy chain. */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => {
  try {
    await dynamodb().send(new DescribeTableCommand({ TableName: tableName() }));
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ok' }) };
  } catch {
    return {
      statusCode: 503,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ type: '/problems/unavailable', title: 'The table does not answer', status: 503 }),
    };
  }
};
