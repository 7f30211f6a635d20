import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';

/** An API Gateway HTTP API v2 event as the JWT authorizer hands it over (claims flattened to strings). */
export function httpEvent(input: {
  routeKey: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  params?: Record<string, string>;
  claims?: Record<string, string>;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [method, path] = input.routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { ...(input.contentType ? { 'content-type': input.contentType } : {}), ...input.headers },
    ...(input.query ? { queryStringParameters: input.query } : {}),
    ...(input.params ? { pathParameters: input.params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'req-1',
      routeKey: input.routeKey,
      stage: '$default',
      time: '',
      timeEpoch: 0,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims: input.claims ?? {}, scopes: [] } },
    },
    ...(input.body === undefined ? {} : { body: input.body }),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

export const supervisorClaims = {
  sub: 'u1',
  'cognito:groups': '[supervisor]',
  'custom:agency': 'SAMR-110105',
  'custom:jurisdiction': '110105',
};

export const lambdaContext = {
  functionName: 'test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:test',
  memoryLimitInMB: '128',
  awsRequestId: 'req-1',
  logGroupName: 'test',
  logStreamName: 'test',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;
