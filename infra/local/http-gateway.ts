import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JWTPayload } from 'jose';
import { type RouteSpec, routeKey } from '../topology.ts';

/** API Gateway HTTP API accepts at most 10 MB; functions apply their own, smaller limits. */
export const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

interface CompiledRoute {
  spec: RouteSpec;
  pattern: RegExp;
  names: string[];
  staticSegments: number;
}

/** Routes matched as API Gateway does: method and path template, the most specific template first. */
export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteSpec[]) {
    this.compiled = routes
      .map((spec) => {
        const names: string[] = [];
        const source = spec.path
          .split('/')
          .map((segment) => {
            const param = /^\{([A-Za-z0-9_]+)\}$/.exec(segment);
            if (param?.[1] === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            names.push(param[1]);
            return '([^/]+)';
          })
          .join('/');
        return { spec, pattern: new RegExp(`^${source}$`), names, staticSegments: spec.path.split('/').length - names.length };
      })
      .sort((a, b) => b.staticSegments - a.staticSegments);
  }

  /** The route and its decoded path parameters; 'bad-encoding' when a parameter is not valid percent-encoded UTF-8. */
  match(method: string, path: string): { spec: RouteSpec; params: Record<string, string> } | 'bad-encoding' | undefined {
    for (const route of this.compiled) {
      if (route.spec.method !== method) continue;
      const found = route.pattern.exec(path);
      if (found === null) continue;
      const params: Record<string, string> = {};
      try {
        route.names.forEach((name, i) => {
          params[name] = decodeURIComponent(found[i + 1] ?? '');
        });
      } catch {
        return 'bad-encoding';
      }
      return { spec: route.spec, params };
    }
    return undefined;
  }
}

export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Claims as the JWT authorizer passes them on: strings, arrays flattened to `[a b]`. */
function flattenClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return claims;
}

const TEXT_TYPES = /^(application\/(json|x-ndjson|problem\+json|cloudevents(-batch)?\+json|x-www-form-urlencoded)|text\/)/;

/** Builds the API Gateway HTTP API payload format 2.0 event for one request. */
export function toLambdaEvent(input: {
  request: IncomingMessage;
  url: URL;
  body: Buffer;
  spec: RouteSpec;
  params: Record<string, string>;
  claims?: JWTPayload;
}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, url, body, spec, params, claims } = input;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  // A compressed body is binary whatever its type: the function gets it base64-encoded, as from API Gateway.
  const encoded = (headers['content-encoding'] ?? 'identity') !== 'identity';
  const isText = body.length === 0 || (!encoded && TEXT_TYPES.test(contentType));
  const now = new Date();
  const key = routeKey(spec);
  const scope = typeof claims?.scope === 'string' ? claims.scope.split(' ').filter((s) => s !== '') : undefined;
  const event = {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length > 0 ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: spec.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims === undefined ? {} : { authorizer: { jwt: { claims: flattenClaims(claims), scopes: scope ?? null } } }),
    },
    ...(body.length > 0 ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** Writes a Lambda result as API Gateway would, including the 2.0 format's inference for bare values. */
export function writeResult(response: ServerResponse, result: unknown): void {
  const structured =
    typeof result === 'object' && result !== null && 'statusCode' in result
      ? (result as APIGatewayProxyStructuredResultV2)
      : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  const body =
    structured.body === undefined ? Buffer.alloc(0) : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  const headers: Record<string, string | number | string[]> = {
    ...(structured.headers as Record<string, string>),
    'content-length': body.length,
  };
  if (structured.cookies !== undefined && structured.cookies.length > 0) headers['set-cookie'] = structured.cookies;
  response.writeHead(structured.statusCode ?? 200, headers);
  response.end(body);
}

/** API Gateway's own answers (not problem+json: these come from the gateway, not from a function). */
export function gatewayError(response: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ message });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...extra });
  response.end(body);
}
