import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { dynamodb } from '#shared/dynamodb';
import { LocalEvidenceStore } from '#shared/evidence/local-evidence-store';
import { fieldErrors } from '#shared/field-errors';
import { resetRouteAccessCache } from '#shared/route-access';
import { EVENT_BUS_NAME, routeAccess, routeKey, routes, rules, SERVICE_NAME, schedules } from '../topology.ts';
import { createTables, type DynamoDbLocal, IDEMPOTENCY_TABLE_NAME, startDynamoDbLocal, TABLE_NAME } from './dynamodb-local.ts';
import { LocalEventBus } from './event-bus.ts';
import { GATEWAY_MAX_BODY, gatewayError, RouteTable, readBody, toLambdaEvent, writeResult } from './http-gateway.ts';
import { FunctionTimeoutError, LambdaInvoker } from './lambda-invoker.ts';
import { advanceClock, clockNow } from './local-clock.ts';
import { enforceTablePolicy } from './local-iam.ts';
import { RateLimiter } from './rate-limiter.ts';
import { scheduledDelivery, startSchedules } from './schedules.ts';
import { StreamPoller } from './stream-poller.ts';
import { LocalTokens, TokenRequest } from './tokens.ts';
import { buildWebApps, serveWebApp } from './web-apps.ts';

export interface RuntimeOptions {
  port: number;
  host?: string;
  /** Keep nothing on disk (DynamoDB Local in memory, dead letters in a temporary folder). */
  inMemory: boolean;
  dataDir: string;
  root: string;
  log?: (line: string) => void;
  retryDelaysMs?: readonly number[];
  /** What to do when the runtime cannot go on (DynamoDB Local gone with in-memory data); default: exit 1. */
  onFatal?: () => void;
}

export interface Runtime {
  url: string;
  bus: LocalEventBus;
  /** Where the runtime's DynamoDB Local listens (for the AWS CLI, NoSQL Workbench, or a test that edits an item). */
  dynamoDbEndpoint: string;
  /** DynamoDB Local's process id (a fault test kills it). */
  dynamoDbPid: number | undefined;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {}

const LOCAL_ISSUER = 'urn:regulator:local';

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} is already in use`) : error),
    );
    server.listen(port, host, () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * `npm start`: one process running the topology's handlers on this machine (DESIGN §2). The HTTP port is
 * bound first so that a busy port fails fast, before DynamoDB Local is spawned.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  const publicServer = createServer();
  const busServer = createServer();
  // Bound first, so a busy port fails fast; until the platform is ready, every request is answered 503 at once.
  const starting = (_request: IncomingMessage, response: ServerResponse) =>
    problemResponse(response, 503, 'starting', 'The platform is starting', 'Retry in a moment.', { 'retry-after': '1' });
  publicServer.on('request', starting);
  const port = await listen(publicServer, options.port, host);
  const busPort = await listen(busServer, 0, '127.0.0.1');
  let dynamo: DynamoDbLocal | undefined;
  let poller: StreamPoller | undefined;
  const closeServers = async () => {
    const closed = Promise.all([publicServer, busServer].map((s) => new Promise((r) => s.close(r))));
    publicServer.closeIdleConnections();
    busServer.closeAllConnections();
    await Promise.race([closed, sleep(2000)]);
    publicServer.closeAllConnections();
  };
  try {
    dynamo = await startDynamoDbLocal(options.inMemory ? {} : { dataDir: join(options.dataDir, 'dynamodb') });
    const db = dynamo;
    db.onUnexpectedExit((reason) => {
      if (options.inMemory) {
        log(`${reason}. Its data was in memory and is gone, so the platform stops; start it again.`);
        (options.onFatal ?? (() => process.exit(1)))();
        return;
      }
      log(`${reason}; restarting it on the same data (requests meanwhile answer 503 with Retry-After)`);
      db.restart().then(
        () => log('DynamoDB Local is back'),
        (error: Error) => {
          log(`DynamoDB Local could not be restarted: ${error.message}. The platform stops.`);
          (options.onFatal ?? (() => process.exit(1)))();
        },
      );
    });
    await createTables(dynamo.client);
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    const scratch = join(tmpdir(), `regulator-${process.pid}`);
    const evidence = new LocalEvidenceStore(
      join(options.inMemory ? scratch : options.dataDir, 'evidence'),
      url,
      randomBytes(32).toString('hex'),
    );
    Object.assign(process.env, {
      EVIDENCE_DIR: join(options.inMemory ? scratch : options.dataDir, 'evidence'),
      LOCAL_PUBLIC_URL: url,
      LOCAL_UPLOAD_SECRET: evidence.secret,
      TABLE_NAME,
      IDEMPOTENCY_TABLE_NAME,
      EVENT_BUS_NAME,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: `http://127.0.0.1:${busPort}`,
      POWERTOOLS_SERVICE_NAME: process.env.POWERTOOLS_SERVICE_NAME ?? SERVICE_NAME,
      POWERTOOLS_TRACE_ENABLED: 'false',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
      ROUTE_ACCESS: JSON.stringify(routeAccess()),
    });
    resetRouteAccessCache();
    // Every call a function makes through the shared client is held to its policy, as IAM would in AWS.
    enforceTablePolicy(dynamodb(), TABLE_NAME, log);
    const invoker = new LambdaInvoker(options.root);
    await invoker.preload();
    const tokens = await LocalTokens.create(LOCAL_ISSUER, options.inMemory ? undefined : join(options.dataDir, 'jwt-signing-key.json'));
    const deadLetterDir = join(options.inMemory ? scratch : options.dataDir, 'dead-letter');
    const bus = new LocalEventBus({
      rules,
      invoke: (fn, payload) => invoker.invoke(fn, payload),
      deadLetterDir,
      ...(options.inMemory ? {} : { journalFile: join(options.dataDir, 'bus-queue.ndjson') }),
      log,
      ...(options.retryDelaysMs === undefined ? {} : { retryDelaysMs: options.retryDelaysMs }),
    });
    busServer.on('request', (request, response) => void serveBus(bus, request, response));
    poller = new StreamPoller({
      client: dynamo.client,
      endpoint: dynamo.endpoint,
      table: TABLE_NAME,
      deliver: (event: DynamoDBStreamEvent) => invoker.invoke('outbox', event) as Promise<DynamoDBBatchResponse>,
      ...(options.inMemory ? {} : { checkpointFile: join(options.dataDir, 'stream-checkpoint.json') }),
      log,
    });
    await poller.start();
    const stopSchedules = startSchedules(schedules, (fn, payload) => invoker.invoke(fn, payload), log);
    const table = new RouteTable(routes);
    await buildWebApps(options.root).catch((error: Error) => log(`the inspector app was not built: ${error.message}`));
    const limiter = new RateLimiter();
    const openapi = readFileSync(resolve(options.root, 'openapi.yaml'));
    const inFlight = new Set<ServerResponse>();
    publicServer.off('request', starting);
    publicServer.on('request', (request, response) => {
      inFlight.add(response);
      response.once('close', () => inFlight.delete(response));
      // The runtime's own clock, moved forward or not (POST /_local/clock): the console counts its deadlines from it.
      response.setHeader('date', new Date().toUTCString());
      void serveApi({ request, response, table, tokens, invoker, openapi, limiter, evidence, bus, root: options.root }).catch(
        (error: unknown) => {
          log(`request failed: ${(error as Error).stack ?? String(error)}`);
          if (!response.headersSent) gatewayError(response, 500, 'Internal Server Error');
        },
      );
    });
    const stopped = { done: false };
    return {
      url,
      bus,
      dynamoDbEndpoint: dynamo.endpoint,
      get dynamoDbPid() {
        return db.pid();
      },
      stop: async () => {
        if (stopped.done) return;
        stopped.done = true;
        // Stop taking work and stop within seconds, whatever is in flight: requests still running are answered 503;
        // deliveries not made are in the bus's journal and the stream checkpoint, and are made on the next start.
        stopSchedules();
        bus.stop();
        const closing = closeServers();
        await Promise.race([poller?.stop(), sleep(3000)]);
        for (const response of inFlight) {
          if (!response.headersSent)
            problemResponse(response, 503, 'stopping', 'The platform is stopping', 'Retry once it is back.', {
              'retry-after': '5',
              connection: 'close',
            });
        }
        await Promise.race([closing, sleep(1000)]);
        await dynamo?.stop();
      },
    };
  } catch (error) {
    await closeServers();
    await poller?.stop();
    await dynamo?.stop();
    throw error;
  }
}

async function serveBus(bus: LocalEventBus, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = request.headers['x-amz-target'];
  const body = await readBody(request, GATEWAY_MAX_BODY);
  if (target !== 'AWSEvents.PutEvents' || body === 'too-large') {
    gatewayError(response, 400, `the local bus implements AWSEvents.PutEvents only, not ${String(target)}`);
    return;
  }
  const result = bus.putEvents(JSON.parse(body.toString('utf8')));
  const payload = JSON.stringify(result);
  response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}

/** POST /_local/clock: how far to move the local clock forward. */
const ClockRequest = z.strictObject({ advanceDays: z.number().int().min(1).max(3650) });
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** GET /_local/clock: the local clock; POST {"advanceDays": n}: moves it forward. */
async function serveClock(request: IncomingMessage, response: ServerResponse, method: 'GET' | 'POST'): Promise<void> {
  if (method === 'GET') return json(response, 200, clockNow());
  const raw = await readBody(request, 1024);
  const parsed = ClockRequest.safeParse(raw === 'too-large' ? undefined : safeJson(raw.toString('utf8')));
  if (!parsed.success) return json(response, 400, { message: 'send {"advanceDays": n}, a whole number of days from 1 to 3650' });
  return json(response, 200, advanceClock(parsed.data.advanceDays));
}

/** The local runtime's own routes: tokens, the presigned-upload stand-in, running a schedule now, and moving the clock forward. */
async function serveLocal(
  ctx: {
    request: IncomingMessage;
    response: ServerResponse;
    tokens: LocalTokens;
    invoker: LambdaInvoker;
    evidence: LocalEvidenceStore;
    bus: LocalEventBus;
  },
  method: string,
  path: string,
): Promise<void> {
  const { request, response } = ctx;
  if (method === 'POST' && path === '/_local/token') return issueToken(request, response, ctx.tokens);
  if (path.startsWith('/_local/uploads/')) return receiveUpload(request, response, ctx.evidence, path.slice('/_local/uploads/'.length));
  if (path.startsWith('/_local/evidence/')) return serveEvidence(request, response, ctx.evidence, path.slice('/_local/evidence/'.length));
  const redrive = /^\/_local\/dead-letters\/([A-Za-z0-9-]+)\/redrive$/.exec(path);
  if (method === 'POST' && redrive?.[1] !== undefined) {
    try {
      return json(response, 200, { rule: redrive[1], redriven: ctx.bus.redrive(redrive[1]) });
    } catch (error) {
      return json(response, 404, { message: (error as Error).message });
    }
  }
  if (path === '/_local/clock' && (method === 'GET' || method === 'POST')) return serveClock(request, response, method);
  if (method === 'POST' && path.startsWith('/_local/schedules/')) {
    // Runs a schedule now instead of at its next tick: for trials, and for the end-to-end tests.
    const schedule = schedules.find((s) => s.name === path.slice('/_local/schedules/'.length));
    if (schedule === undefined)
      return json(response, 404, { message: `No such schedule; the schedules are: ${schedules.map((s) => s.name).join(', ')}` });
    const result = await ctx.invoker.invoke(schedule.target, scheduledDelivery(schedule.name));
    return json(response, 200, { schedule: schedule.name, result });
  }
  return gatewayError(response, 404, 'Not Found');
}

async function serveApi(ctx: {
  request: IncomingMessage;
  response: ServerResponse;
  table: RouteTable;
  tokens: LocalTokens;
  invoker: LambdaInvoker;
  openapi: Buffer;
  limiter: RateLimiter;
  evidence: LocalEvidenceStore;
  bus: LocalEventBus;
  root: string;
}): Promise<void> {
  const { request, response, table, tokens, invoker } = ctx;
  // The request target is a path: `//evil.example/x` is the path //evil.example/x, not another host's /x.
  const url = new URL(`http://localhost${(request.url ?? '/').startsWith('/') ? request.url : `/${request.url}`}`);
  const method = request.method ?? 'GET';
  if (method === 'GET' && url.pathname === '/.well-known/jwks.json') return json(response, 200, tokens.jwks);
  if (method === 'GET' && url.pathname === '/openapi.yaml') {
    response.writeHead(200, { 'content-type': 'application/yaml' });
    response.end(ctx.openapi);
    return;
  }
  if (url.pathname.startsWith('/_local/')) return serveLocal(ctx, method, url.pathname);
  if ((method === 'GET' || method === 'HEAD') && serveWebApp(request, response, ctx.root, url.pathname)) return;
  const matched = table.match(method, url.pathname);
  if (matched === undefined) return gatewayError(response, 404, 'Not Found');
  if (matched === 'bad-encoding') {
    return problemResponse(response, 400, 'bad-path', 'The path is not valid', 'A path segment is not valid percent-encoded UTF-8.');
  }
  const limit = matched.spec.rateLimit;
  if (limit !== undefined) {
    const wait = ctx.limiter.take(`${routeKey(matched.spec)}|${request.socket.remoteAddress ?? ''}`, limit);
    if (wait > 0) return gatewayError(response, 429, 'Too Many Requests', { 'retry-after': String(Math.ceil(wait / 1000)) });
  }
  const body = await readBody(request, GATEWAY_MAX_BODY);
  if (body === 'too-large') return gatewayError(response, 413, 'Request Entity Too Large');
  let claims: Awaited<ReturnType<LocalTokens['verify']>>;
  if (!('public' in matched.spec.access)) {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    claims = token === undefined ? undefined : await tokens.verify(token);
    if (claims === undefined) return gatewayError(response, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    // API Gateway checks a route's authorization scopes itself; roles are checked by the function.
    if ('scopes' in matched.spec.access) {
      const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
      if (!matched.spec.access.scopes.some((s) => granted.includes(s))) return gatewayError(response, 403, 'Forbidden');
    }
  }
  const event = toLambdaEvent({ request, url, body, spec: matched.spec, params: matched.params, ...(claims ? { claims } : {}) });
  let result: unknown;
  try {
    result = await invoker.invoke(matched.spec.fn, event);
  } catch (error) {
    // As API Gateway would: a function past its timeout is 503, one that failed is 500; its log has the error.
    if (error instanceof FunctionTimeoutError) {
      console.error(`[local] ${error.message}`);
      return gatewayError(response, 503, 'Service Unavailable');
    }
    console.error(`[local] ${matched.spec.fn} failed: ${(error as Error).stack ?? String(error)}`, (error as Error).cause ?? '');
    return gatewayError(response, 500, 'Internal Server Error');
  }
  writeResult(response, result);
}

/** The local stand-in for a presigned S3 PUT: one key, one type, one size, before the ticket expires. */
async function receiveUpload(
  request: IncomingMessage,
  response: ServerResponse,
  evidence: LocalEvidenceStore,
  ticket: string,
): Promise<void> {
  if (request.method === 'OPTIONS') {
    response.writeHead(204, {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PUT',
      'access-control-allow-headers': 'content-type',
    });
    response.end();
    return;
  }
  const refuse = (status: number, message: string) => gatewayError(response, status, message, { 'access-control-allow-origin': '*' });
  if (request.method !== 'PUT') return refuse(405, 'Uploads are PUT');
  const claim = evidence.claim(ticket);
  if (typeof claim === 'string') return refuse(403, claim);
  const body = await readBody(request, claim.size);
  if (body === 'too-large') return refuse(413, `this upload takes at most ${claim.size} bytes`);
  const problem = await evidence.store(claim, (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '', body);
  if (problem !== undefined) return refuse(400, problem);
  response.writeHead(200, { 'access-control-allow-origin': '*', etag: `"${claim.key}"`, 'content-length': 0 });
  response.end();
}

/** The local stand-in for a presigned S3 GET: one key, before the ticket expires. */
async function serveEvidence(
  request: IncomingMessage,
  response: ServerResponse,
  evidence: LocalEvidenceStore,
  ticket: string,
): Promise<void> {
  const refuse = (status: number, message: string) => gatewayError(response, status, message, { 'access-control-allow-origin': '*' });
  if (request.method !== 'GET') return refuse(405, 'Downloads are GET');
  const claim = evidence.claim(ticket, 'get');
  if (typeof claim === 'string') return refuse(403, claim);
  const found = await evidence.read(claim.key);
  if (found === undefined) return refuse(404, 'NoSuchKey');
  response.writeHead(200, {
    'access-control-allow-origin': '*',
    'content-type': found.contentType,
    'content-length': found.body.length,
    'cache-control': 'private, max-age=900',
  });
  response.end(found.body);
}

async function issueToken(request: IncomingMessage, response: ServerResponse, tokens: LocalTokens): Promise<void> {
  const body = await readBody(request, 64 * 1024);
  const problem = (detail: string, errors: unknown[] = []) =>
    json(
      response,
      400,
      { type: '/problems/validation-error', title: 'The request is not valid', status: 400, detail, errors },
      'application/problem+json',
    );
  if (body === 'too-large') return problem('The body is too large.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (error) {
    return problem(`The body is not valid JSON: ${(error as Error).message}`);
  }
  const result = TokenRequest.safeParse(parsed);
  if (!result.success) {
    const errors = fieldErrors(result.error);
    return problem(
      'Send {"sub","roles":[...],"agency","jurisdiction"} for a person or {"client_id","scopes":["events:write"],"agency"} for a machine client.',
      errors,
    );
  }
  json(response, 200, await tokens.issue(result.data));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** The runtime's own answers while it starts or stops, as RFC 9457 problem details like the functions'. */
function problemResponse(
  response: ServerResponse,
  status: number,
  slug: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify({ type: `/problems/${slug}`, title, status, detail });
  response.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

function json(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(payload) });
  response.end(payload);
}
