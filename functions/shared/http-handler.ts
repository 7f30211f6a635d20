import { gunzipSync } from 'node:zlib';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  Context,
  APIGatewayProxyEventV2WithJWTAuthorizer as HttpEvent,
  APIGatewayProxyStructuredResultV2 as HttpResult,
} from 'aws-lambda';
import type * as z from 'zod';
import { fieldErrors } from './field-errors.ts';
import { DEFAULT_MAX_BODY_BYTES, type Parsed as Infer, type RouteContract } from './http-contract.ts';
import { TIMEOUT_EARLY_MS } from './invocation.ts';
import { logger, metrics } from './powertools.ts';
import { type Principal, principalOf } from './principal.ts';
import { Problem, problems } from './problem.ts';
import { type RouteAccess, routeAccessMap } from './route-access.ts';
import { toProblem } from './to-problem.ts';
import { illFormedField } from './well-formed.ts';

export interface HttpRequest<C extends RouteContract> {
  body: Infer<C['body']>;
  query: Infer<C['query']>;
  params: Infer<C['params']>;
  /** Present on every route that is not public. */
  principal: Principal;
  /** The principal as recorded on events: the role that this route let in. */
  actor: { id: string; role: string; agency: string };
  correlationId: string;
  contentType: string;
  rawBody: string;
  /** Request headers, names in lower case (as API Gateway HTTP API hands them over). */
  headers: Readonly<Record<string, string | undefined>>;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A body that is not JSON (an export), sent as is with the reply's content-type header. */
  text?: string;
  headers?: Record<string, string>;
}

export interface Route {
  contract: RouteContract;
  run: (event: HttpEvent) => Promise<Reply>;
}

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

export function correlationIdOf(event: HttpEvent): string {
  const given = event.headers?.['x-correlation-id'];
  return given !== undefined && CORRELATION.test(given) ? given : event.requestContext.requestId;
}

/**
 * Binds a route's contract to the one domain call it makes (STYLE §1). The contract may be given as a function, so
 * that it is built at the route's first request rather than when the module loads (one route per invocation).
 */
export function route<C extends RouteContract>(contract: C | (() => C), handle: (request: HttpRequest<C>) => Promise<Reply>): Route {
  let built: C | undefined;
  const resolved = () => {
    built ??= typeof contract === 'function' ? contract() : contract;
    return built;
  };
  return {
    get contract() {
      return resolved();
    },
    run: async (event) => {
      const parsed = parseRequest(resolved(), event);
      return handle(parsed as HttpRequest<C>);
    },
  };
}

function parseRequest(contract: RouteContract, event: HttpEvent): HttpRequest<RouteContract> {
  const rawBody = decodeBody(event, contract);
  const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  let body: unknown;
  if (contract.body !== undefined) {
    if (contentType !== 'application/json') throw problems.unsupportedMediaType(['application/json']);
    body = validate(contract.body, parseJson(rawBody), 'body');
  } else if (contract.textBodyTypes !== undefined) {
    if (!contract.textBodyTypes.includes(contentType)) throw problems.unsupportedMediaType(contract.textBodyTypes);
  }
  assertWellFormedPath(event.pathParameters ?? {});
  const query = contract.query === undefined ? undefined : validate(contract.query, event.queryStringParameters ?? {}, 'query');
  const params = contract.params === undefined ? undefined : validate(contract.params, event.pathParameters ?? {}, 'path');
  const principal = principalOf(event) as Principal;
  return {
    body,
    query,
    params,
    principal,
    actor: principal === undefined ? { id: 'public', role: 'public', agency: '' } : actorOf(principal, routeAccessMap()[event.routeKey]),
    correlationId: correlationIdOf(event),
    contentType,
    rawBody,
    headers: event.headers ?? {},
  };
}

function actorOf(principal: Principal, access: RouteAccess | undefined): { id: string; role: string; agency: string } {
  const allowed: readonly string[] = access !== undefined && 'roles' in access ? access.roles : [];
  const role =
    principal.kind === 'machine' ? 'machine' : (principal.roles.find((r) => allowed.includes(r)) ?? principal.roles[0] ?? 'none');
  return { id: principal.id, role, agency: principal.agency };
}

/** The body as text: decoded from base64 when API Gateway encoded it, and decompressed when the route takes gzip. */
function decodeBody(event: HttpEvent, contract: RouteContract): string {
  if (event.body === undefined || event.body === null) return '';
  const bytes = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  const limit = contract.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (bytes.length > limit) throw problems.payloadTooLarge(limit);
  const encoding = (event.headers?.['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return bytes.toString('utf8');
  if (encoding !== 'gzip' || contract.gzipMaxBytes === undefined)
    throw problems.unsupportedEncoding(contract.gzipMaxBytes === undefined ? [] : ['gzip']);
  try {
    return gunzipSync(bytes, { maxOutputLength: contract.gzipMaxBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw problems.payloadTooLarge(contract.gzipMaxBytes);
    throw problems.malformedBody('The body is not valid gzip.');
  }
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') throw problems.malformedJson('The body is empty; send a JSON object.');
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw problems.malformedJson((error as Error).message);
  }
}

/** No id is that long (DynamoDB keys hold at most 1,024 bytes): refused as bad input, never sent to the table. */
const MAX_PATH_PARAMETER = 256;

function assertWellFormedPath(params: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value.length > MAX_PATH_PARAMETER) {
      throw problems.validation(`Invalid path: ${name} is longer than ${MAX_PATH_PARAMETER} characters`, [
        { field: name, message: `at most ${MAX_PATH_PARAMETER} characters` },
      ]);
    }
  }
}

function validate(schema: z.ZodType, value: unknown, where: 'body' | 'query' | 'path'): unknown {
  // Text with a lone UTF-16 surrogate cannot be stored as UTF-8 unchanged (it would break the recorded hash).
  const illFormed = illFormedField(value);
  if (illFormed !== undefined) {
    const message = 'text that is not well-formed Unicode (a lone surrogate)';
    throw problems.validation(`Invalid ${where}: ${illFormed}: ${message}`, [{ field: illFormed, message }]);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  throw problems.validation(`Invalid ${where}: ${detail}`, errors);
}

function json(status: number, body: unknown, headers: Record<string, string>, contentType = 'application/json'): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': contentType, ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** People act only through their roles, machines only through their scopes (DESIGN §5). */
function accessControl(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: ({ event }) => {
      const access = routeAccessMap()[event.routeKey];
      if (access === undefined) throw problems.forbidden('This route has no access rule.');
      if ('public' in access) return;
      const principal = principalOf(event);
      if (principal === undefined) throw problems.unauthorized();
      if (principal.agency === '') throw problems.forbidden('The token carries no agency.');
      if ('roles' in access && !principal.roles.some((role) => access.roles.includes(role))) {
        throw problems.forbidden(`This needs one of the roles: ${access.roles.join(', ')}.`);
      }
      if ('scopes' in access && !principal.scopes.some((scope) => (access.scopes as readonly string[]).includes(scope))) {
        throw problems.forbidden(`This needs one of the scopes: ${access.scopes.join(', ')}.`);
      }
    },
  };
}

function problemResponses(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      const problem = toProblem(request.error);
      // The table not answering is the platform's state, not this request's fault: the runtime (or CloudWatch's
      // alarm on the table) says so once; each refused request is an info line, not a stack trace.
      if (problem.slug === 'unavailable')
        logger.info('request refused: the table is not answering', { status: 503, cause: causeOf(request.error) });
      else if (problem.status >= 500) logger.error('request failed', { error: request.error as Error });
      else logger.info('request refused', { status: problem.status, problem: problem.slug });
      metrics.addMetric(problem.status >= 500 ? 'ServerErrors' : 'ClientErrors', 'Count', 1);
      request.response = json(
        problem.status,
        problem.toJSON(request.event.rawPath),
        { ...correlationHeader(request.event), ...problem.headers },
        'application/problem+json',
      );
    },
  };
}

const causeOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).name;

function correlationHeader(event: HttpEvent): Record<string, string> {
  return { 'x-correlation-id': correlationIdOf(event) };
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const wantsIdempotency = (event: HttpEvent) =>
  WRITE_METHODS.has(event.requestContext.http.method) && (event.headers?.['idempotency-key'] ?? '') !== '';

type IdempotencyMiddleware = Required<MiddlewareObj<HttpEvent, HttpResult>>;
let loading: Promise<IdempotencyMiddleware> | undefined;
/**
 * Powertools idempotency, loaded with the first write that carries a key (reads and writes without one never need
 * it; loading it at module start was part of every cold start). The table name is read from the environment then.
 */
function idempotencyMiddleware(): Promise<IdempotencyMiddleware> {
  loading ??= (async () => {
    const [{ IdempotencyConfig }, { DynamoDBPersistenceLayer }, { makeHandlerIdempotent }] = await Promise.all([
      import('@aws-lambda-powertools/idempotency'),
      import('@aws-lambda-powertools/idempotency/dynamodb'),
      import('@aws-lambda-powertools/idempotency/middleware'),
    ]);
    return makeHandlerIdempotent({
      persistenceStore: new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE_NAME ?? 'idempotency' }),
      config: new IdempotencyConfig({
        eventKeyJmesPath:
          '[headers."idempotency-key", requestContext.authorizer.jwt.claims.sub, requestContext.authorizer.jwt.claims.client_id, routeKey, rawPath]',
        payloadValidationJmesPath: 'body',
        throwOnNoIdempotencyKey: true,
        expiresAfterSeconds: 24 * 60 * 60,
      }),
    }) as IdempotencyMiddleware;
  })();
  return loading;
}

/**
 * Powertools idempotency on writes that carry an Idempotency-Key, scoped to the caller and the route;
 * a reused key with another body is refused (DESIGN §7). Reads and writes without a key never touch it.
 */
function writeIdempotency(): MiddlewareObj<HttpEvent, HttpResult> {
  // Requests that Powertools itself refused (a key in progress, or reused with another body). Their error must not
  // reach its onError, which would delete the record of the request that owns the key: upstream
  // powertools-lambda-typescript#5675 (10 concurrent POSTs with one key created 3 cases; body1, body2, body2 made two).
  const refused = new WeakSet<object>();
  return {
    before: async (request) => {
      if (!wantsIdempotency(request.event)) return undefined;
      try {
        return await (await idempotencyMiddleware()).before(request);
      } catch (error) {
        refused.add(request);
        throw error;
      }
    },
    after: async (request) => (wantsIdempotency(request.event) ? (await idempotencyMiddleware()).after(request) : undefined),
    onError: async (request) =>
      wantsIdempotency(request.event) && !refused.has(request) ? (await idempotencyMiddleware()).onError(request) : undefined,
  };
}

/**
 * A route table built from a list (one route per lifecycle command, say), keyed as the topology names them, so that the
 * handler's table can be checked against the topology's keys like a written-out one.
 */
export function routesOf<const T extends string, K extends string>(
  items: readonly T[],
  key: (item: T) => K,
  make: (item: T) => Route,
): Record<K, Route> {
  return Object.fromEntries(items.map((item) => [key(item), make(item)])) as Record<K, Route>;
}

/**
 * The one middy chain of every HTTP function: Powertools first, problem+json for every failure, access
 * control, idempotency, then the route's own parse-and-call. `K` is the function's route keys in the topology
 * (`RouteKeyOf<'cases'>`): a route the topology does not send here, or one it sends and the table lacks, does not
 * compile (a typo would otherwise be a 404 in production).
 */
export function httpHandler<K extends string>(routes: Readonly<Record<K, Route>>) {
  const table: Readonly<Record<string, Route | undefined>> = routes;
  const dispatch = async (event: HttpEvent, _context: Context): Promise<HttpResult> => {
    const target = table[event.routeKey];
    if (target === undefined) throw problems.notFound(`Route ${event.routeKey}`);
    const correlationId = correlationIdOf(event);
    logger.appendKeys({ correlationId });
    metrics.addMetric('Requests', 'Count', 1);
    const reply = await target.run(event);
    if (reply.text !== undefined)
      return { statusCode: reply.status, headers: { ...correlationHeader(event), ...reply.headers }, body: reply.text };
    return json(reply.status, reply.body, { ...correlationHeader(event), ...reply.headers });
  };
  const chain = middy(dispatch, { timeoutEarlyInMillis: TIMEOUT_EARLY_MS })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(problemResponses())
    .use(accessControl())
    .use(writeIdempotency());
  return chain;
}

export { Problem };
