import { z } from 'zod';
import { VersionConflictError } from '#shared/errors';
import { contract } from '#shared/http-contract';
import { httpHandler, route } from '#shared/http-handler';
import { claimList, principalOf } from '#shared/principal';
import { resetRouteAccessCache } from '#shared/route-access';
import { httpEvent, lambdaContext, supervisorClaims } from '../../support/http-event.ts';

const Body = z.strictObject({ name: z.string().min(1), count: z.number().int().max(10) });
const seen: unknown[] = [];
const handler = httpHandler({
  'POST /things': route(contract({ summary: 's', tags: [], body: Body, maxBodyBytes: 100, responses: {} }), async (r) => {
    seen.push({ body: r.body, actor: r.actor });
    return { status: 201, body: r.body };
  }),
  'GET /things': route(
    contract({ summary: 's', tags: [], query: z.strictObject({ limit: z.coerce.number().max(100).default(20) }), responses: {} }),
    async (r) => ({ status: 200, body: r.query }),
  ),
  'PATCH /things': route(contract({ summary: 's', tags: [], body: Body, responses: {} }), async () => {
    throw new VersionConflictError(1, 3);
  }),
  'POST /boom': route(contract({ summary: 's', tags: [], responses: {} }), async () => {
    throw new Error('secret internal detail');
  }),
});

const call = async (event: ReturnType<typeof httpEvent>) => {
  const result = (await handler(event, lambdaContext)) as { statusCode: number; headers: Record<string, string>; body: string };
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};
const post = (body: string, contentType = 'application/json', claims: Record<string, string> = supervisorClaims) =>
  call(httpEvent({ routeKey: 'POST /things', body, contentType, claims }));

beforeAll(() => {
  process.env.ROUTE_ACCESS = JSON.stringify({
    'POST /things': { roles: ['supervisor', 'admin'] },
    'GET /things': { roles: ['auditor'] },
    'PATCH /things': { roles: ['supervisor'] },
    'POST /boom': { roles: ['supervisor'] },
  });
  resetRouteAccessCache();
});

describe('the shared HTTP middleware', () => {
  it('parses a valid body and records the role that the route let in as the actor', async () => {
    const res = await post('{"name":"a","count":1}', 'application/json; charset=utf-8');
    expect(res.statusCode).toBe(201);
    expect(seen.at(-1)).toEqual({ body: { name: 'a', count: 1 }, actor: { id: 'u1', role: 'supervisor', agency: 'SAMR-110105' } });
  });

  it('answers malformed JSON with a problem+json 400', async () => {
    const res = await post('{"name":');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ type: '/problems/malformed-json', status: 400 });
  });

  it('names an unknown field and an invalid one', async () => {
    const res = await post('{"name":"","count":1,"isAdmin":true}');
    expect(res.statusCode).toBe(400);
    expect(res.json.errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', message: 'unknown field' },
        { field: 'name', message: expect.any(String) },
      ]),
    );
  });

  it('refuses a body over the route limit with 413', async () => {
    const res = await post(JSON.stringify({ name: 'x'.repeat(200), count: 1 }));
    expect(res).toMatchObject({ statusCode: 413, json: { type: '/problems/payload-too-large', limit: 100 } });
  });

  it('refuses a wrong content type with 415', async () => {
    expect((await post('name=a', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
  });

  it('refuses a role the route does not allow with 403', async () => {
    const res = await post('{"name":"a","count":1}', 'application/json', { ...supervisorClaims, 'cognito:groups': '[inspector]' });
    expect(res).toMatchObject({ statusCode: 403, json: { detail: 'This needs one of the roles: supervisor, admin.' } });
  });

  it('refuses a request without authorizer claims with 401', async () => {
    const event = httpEvent({ routeKey: 'POST /things', body: '{}', contentType: 'application/json' });
    delete (event.requestContext as { authorizer?: unknown }).authorizer;
    expect((await call(event)).statusCode).toBe(401);
  });

  it('validates the query strictly: a limit over 100 and an unknown parameter are named', async () => {
    const claims = { ...supervisorClaims, 'cognito:groups': '[auditor]' };
    const res = await call(httpEvent({ routeKey: 'GET /things', query: { limit: '101', sort: 'x' }, claims }));
    expect(res.statusCode).toBe(400);
    expect(res.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'sort']);
  });

  it('maps a version conflict to 409 with both versions', async () => {
    const res = await call(
      httpEvent({ routeKey: 'PATCH /things', body: '{"name":"a","count":1}', contentType: 'application/json', claims: supervisorClaims }),
    );
    expect(res).toMatchObject({ statusCode: 409, json: { type: '/problems/version-conflict', expectedVersion: 1, currentVersion: 3 } });
  });

  it('never leaks an internal error message', async () => {
    const res = await call(httpEvent({ routeKey: 'POST /boom', claims: supervisorClaims }));
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
  });

  it('echoes a well-formed correlation id and replaces a malformed one', async () => {
    const good = await call(httpEvent({ routeKey: 'POST /boom', claims: supervisorClaims, headers: { 'x-correlation-id': 'abc-123' } }));
    const bad = await call(httpEvent({ routeKey: 'POST /boom', claims: supervisorClaims, headers: { 'x-correlation-id': 'a b\nc' } }));
    expect(good.headers['x-correlation-id']).toBe('abc-123');
    expect(bad.headers['x-correlation-id']).toBe('req-1');
  });
});

describe('principals from authorizer claims', () => {
  it('reads API Gateway’s flattened arrays and plain lists', () => {
    expect(claimList('[inspector supervisor]')).toEqual(['inspector', 'supervisor']);
    expect(claimList('events:write other')).toEqual(['events:write', 'other']);
    expect(claimList(['a'])).toEqual(['a']);
    expect(claimList(undefined)).toEqual([]);
  });

  it('drops group names that are not platform roles', () => {
    const event = httpEvent({ routeKey: 'GET /x', claims: { ...supervisorClaims, 'cognito:groups': '[supervisor root]' } });
    expect(principalOf(event)?.roles).toEqual(['supervisor']);
  });

  it('recognises a machine client by its client id and scopes', () => {
    const event = httpEvent({
      routeKey: 'GET /x',
      claims: { sub: 'sys-1', client_id: 'sys-1', scope: 'events:write', 'custom:agency': 'A' },
    });
    expect(principalOf(event)).toMatchObject({ kind: 'machine', scopes: ['events:write'], agency: 'A' });
  });
});
