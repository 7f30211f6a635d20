/**
 * The typical handler the bundle benchmark measures every function against (DESIGN §8): the DynamoDB client, middy,
 * Powertools logger, tracer and metrics with their middlewares, and zod 4 imported the usual way (`{ z }`), one
 * schema parsed per request, one GetItem. What a team starts from when it follows the libraries' own examples.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { z } from 'zod';

const logger = new Logger({ serviceName: 'typical' });
const tracer = new Tracer({ serviceName: 'typical' });
const metrics = new Metrics({ serviceName: 'typical', namespace: 'Typical' });
const client = tracer.captureAWSv3Client(new DynamoDBClient({}));

const Params = z.object({ id: z.string().min(1).max(100) });

export const handler = middy(async (event: { pathParameters?: Record<string, string> }) => {
  const { id } = Params.parse(event.pathParameters ?? {});
  const item = await client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME, Key: { pk: { S: id }, sk: { S: id } } }));
  return { statusCode: 200, body: JSON.stringify(item.Item ?? {}) };
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
