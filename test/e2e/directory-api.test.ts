import { gzipSync } from 'node:zlib';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { importFile } from '../support/imports.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const person = (sub: string, roles: string[], agency = 'SAMR-110105') => ({ sub, roles, agency, jurisdiction: '110105' });

describe('the directory over HTTP, as a new user tries it', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  let otherAgency: ReturnType<typeof api>;
  let inspector: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let supervisorToken: string;
  beforeAll(async () => {
    platform = await startPlatform();
    supervisorToken = `Bearer ${await tokenFor(platform.url, person('sup-1', ['supervisor']))}`;
    supervisor = api(platform.url, supervisorToken.slice(7));
    otherAgency = api(platform.url, await tokenFor(platform.url, person('sup-2', ['supervisor'], 'SAMR-440305')));
    inspector = api(platform.url, await tokenFor(platform.url, person('insp-1', ['inspector'])));
    admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
  }, 60_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('answers /health without a token', async () => {
    expect(await api(platform.url)('GET', '/health')).toMatchObject({ status: 200, json: { status: 'ok' } });
  });

  it('creates an entity in the caller’s agency and reads it back', async () => {
    const created = await supervisor('POST', '/entities', entityInput(1));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ uscc: usccFor(1), agency: 'SAMR-110105', version: 1, creditClass: 'A', flags: [] });
    expect((await supervisor('GET', `/entities/${usccFor(1)}`)).json).toEqual(created.json);
  });

  it('hides the entity from another agency with a 404', async () => {
    await supervisor('POST', '/entities', entityInput(2));
    const res = await otherAgency('GET', `/entities/${usccFor(2)}`);
    expect(res.status).toBe(404);
    expect((await otherAgency('GET', '/entities')).json.items).toEqual([]);
  });

  it('refuses a wrong check character with a message that names it, and writes nothing', async () => {
    const bad = `${usccFor(3).slice(0, 17)}${usccFor(3).endsWith('0') ? '1' : '0'}`;
    const res = await supervisor('POST', '/entities', entityInput(3, { uscc: bad }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors[0]).toEqual({ field: 'uscc', message: expect.stringContaining('wrong check character') });
    expect((await supervisor('GET', `/entities/${bad}`)).status).toBe(404);
  });

  it('answers a stale expected version with 409 and the current version', async () => {
    await supervisor('POST', '/entities', entityInput(4));
    expect((await supervisor('PATCH', `/entities/${usccFor(4)}`, { expectedVersion: 1, creditClass: 'B' })).json.version).toBe(2);
    const stale = await supervisor('PATCH', `/entities/${usccFor(4)}`, { expectedVersion: 1, creditClass: 'C' });
    expect(stale).toMatchObject({ status: 409, json: { currentVersion: 2, expectedVersion: 1 } });
  });

  it('refuses each kind of bad input with a problem+json 4xx that names it', async () => {
    expect((await supervisor('POST', '/entities', '{"uscc":', { 'content-type': 'application/json' })).json.type).toBe(
      '/problems/malformed-json',
    );
    expect((await supervisor('POST', '/entities', { ...entityInput(5), owner: 'me' })).json.errors).toContainEqual({
      field: 'owner',
      message: 'unknown field',
    });
    expect((await supervisor('POST', '/entities', 'x'.repeat(1024 * 1024 + 1), { 'content-type': 'application/json' })).status).toBe(413);
    expect((await supervisor('GET', '/entities?cursor=bm90LWEtY3Vyc29y')).json.type).toBe('/problems/bad-cursor');
    expect((await supervisor('GET', '/entities?limit=101')).json.errors[0].field).toBe('limit');
    expect((await supervisor('POST', '/entities', 'uscc=1', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await supervisor('GET', `/entities/${usccFor(5)}`)).status).toBe(404);
  });

  it('answers 401 without or with a bad token and 403 for a role that may not write', async () => {
    expect((await api(platform.url)('GET', '/entities')).status).toBe(401);
    expect((await api(platform.url, 'not-a-jwt')('GET', '/entities')).status).toBe(401);
    const forbidden = await inspector('POST', '/entities', entityInput(6));
    expect(forbidden.status).toBe(403);
    expect((await inspector('GET', `/entities/${usccFor(1)}`)).status).toBe(200);
  });

  it('replays a POST retried with the same Idempotency-Key instead of creating twice', async () => {
    const first = await supervisor('POST', '/entities', entityInput(7), { 'idempotency-key': 'retry-7' });
    const retry = await supervisor('POST', '/entities', entityInput(7), { 'idempotency-key': 'retry-7' });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.json).toEqual(first.json);
    const reused = await supervisor('POST', '/entities', entityInput(8), { 'idempotency-key': 'retry-7' });
    expect(reused.status).toBe(422);
  });

  it('imports 10,000 NDJSON rows as a job, reporting bad rows by line, and creates nothing twice', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const row = entityInput(10_000 + i, { region: i % 2 === 0 ? '110105' : '110108', creditClass: 'ABCD'[i % 4] });
      if (i === 41) return JSON.stringify({ ...row, uscc: `${row.uscc.slice(0, 17)}${row.uscc.endsWith('0') ? '1' : '0'}` });
      if (i === 99) return '{not json';
      if (i === 500) return JSON.stringify({ ...row, region: '11' });
      return JSON.stringify(row);
    });
    const body = lines.join('\n');
    const first = await importFile(supervisor, body);
    expect(first.started.json).toMatchObject({ status: 'running', total: 10_000, rowsDone: 0 });
    expect(first.location).toBe(`/entities/imports/${first.started.json.id}`);
    expect(first.job).toMatchObject({ status: 'completed', total: 10_000, rowsDone: 10_000, accepted: 9_997, duplicates: 0, rejected: 3 });
    expect(first.job.rows.map((r: { line: number }) => r.line)).toEqual([42, 100, 501]);
    expect(first.job.rows[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('wrong check character') });
    const again = await importFile(supervisor, body);
    expect(again.job).toMatchObject({ status: 'completed', accepted: 0, duplicates: 9_997 });
    const page = await supervisor('GET', '/entities?region=110108&limit=100');
    expect(page.json.items).toHaveLength(100);
    expect(page.json.cursor).toEqual(expect.any(String));
    expect((await otherAgency('GET', first.location)).status).toBe(404);
  }, 600_000);

  it('imports CSV, with its header on line 1, also sent gzip-compressed', async () => {
    const csv = [
      'uscc,name,industry,region,address,creditClass,flags',
      `${usccFor(30_001)},甲公司,F52,110105,地址一,B,abnormal-operations`,
      `${usccFor(30_002)},乙公司,F52,110105,"地址, 二",,`,
      'bad,row',
    ].join('\n');
    const { job } = await importFile(supervisor, csv, 'text/csv');
    expect(job).toMatchObject({ total: 3, accepted: 2, rejected: 1, rows: [{ line: 4, outcome: 'rejected' }] });
    expect((await supervisor('GET', `/entities/${usccFor(30_001)}`)).json.flags).toEqual(['abnormal-operations']);
    const zipped = await fetch(`${platform.url}/entities/imports`, {
      method: 'POST',
      headers: { authorization: supervisorToken, 'content-type': 'text/csv', 'content-encoding': 'gzip' },
      body: gzipSync(Buffer.from(csv)),
    });
    expect(zipped.status).toBe(202);
    const location = zipped.headers.get('location') ?? '';
    const again = await eventually(async () => {
      const job = await supervisor('GET', location);
      return job.json.status === 'running' ? undefined : job.json;
    });
    expect(again).toMatchObject({ total: 3, accepted: 0, duplicates: 2, rejected: 1 });
  });

  it('refuses an empty file and a CSV with its header only, whole, as 400', async () => {
    const empty = await supervisor('POST', '/entities/imports', '', { 'content-type': 'application/x-ndjson' });
    expect(empty).toMatchObject({ status: 400, json: { type: '/problems/validation-error' } });
    const headerOnly = await supervisor('POST', '/entities/imports', 'uscc,name,industry,region,address\n', { 'content-type': 'text/csv' });
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.json.detail).toContain('no rows');
  });

  it('registers inspectors with declared conflicts and inspection items with their checklist', async () => {
    const created = await supervisor('POST', '/inspectors', {
      id: 'insp-1',
      name: '李四',
      specialties: ['food-safety'],
      certificateNumber: 'ZF-11-000001',
      conflicts: [usccFor(1)],
    });
    expect(created).toMatchObject({ status: 201, json: { id: 'insp-1', agency: 'SAMR-110105', version: 1 } });
    expect((await supervisor('POST', '/inspectors', { name: 'x', certificateNumber: 'c', conflicts: ['91110105000000000X'] })).status).toBe(
      400,
    );
    const patched = await supervisor('PATCH', '/inspectors/insp-1', { expectedVersion: 1, conflicts: [usccFor(1), usccFor(2)] });
    expect(patched.json).toMatchObject({ version: 2, conflicts: [usccFor(1), usccFor(2)] });
    expect((await supervisor('GET', '/inspectors')).json.items.map((i: { id: string }) => i.id)).toEqual(['insp-1']);
    expect((await otherAgency('GET', '/inspectors/insp-1')).status).toBe(404);

    const item = {
      code: 'SC-FOOD-001',
      name: '食品经营许可检查',
      legalBasis: '《食品安全法》第三十五条',
      checklist: [{ id: 'q1', question: '是否持有有效许可证', mandatory: true }],
      owningAgencies: ['SAMR-440305'],
    };
    expect((await supervisor('POST', '/inspection-items', item)).status).toBe(403);
    const added = await admin('POST', '/inspection-items', item);
    expect(added.json.owningAgencies).toEqual(['SAMR-110105', 'SAMR-440305']);
    expect((await otherAgency('GET', '/inspection-items/SC-FOOD-001')).status).toBe(200);
    expect((await admin('POST', '/inspection-items', item)).status).toBe(409);
    // A co-owner may add owners, but not remove the agency that made the item (no takeover).
    const coOwner = api(platform.url, await tokenFor(platform.url, person('adm-9', ['admin'], 'SAMR-440305')));
    const takeover = await coOwner('PATCH', '/inspection-items/SC-FOOD-001', { expectedVersion: 1, owningAgencies: ['SAMR-440305'] });
    expect(takeover).toMatchObject({ status: 403, json: { detail: expect.stringContaining('SAMR-110105') } });
    const widened = await coOwner('PATCH', '/inspection-items/SC-FOOD-001', {
      expectedVersion: 1,
      owningAgencies: ['SAMR-110105', 'SAMR-440305', 'SAMR-310101'],
    });
    expect(widened.json.owningAgencies).toEqual(['SAMR-110105', 'SAMR-440305', 'SAMR-310101']);
  });
});
