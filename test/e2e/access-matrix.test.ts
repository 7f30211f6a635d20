import { ROLES } from '../../functions/shared/principal.ts';
import { routes } from '../../infra/topology.ts';
import { usccFor } from '../support/directory-fixtures.ts';
import { importFile } from '../support/imports.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { AGENCY, person, seedTask } from '../support/seed.ts';

/**
 * The access matrix (reliability issue, points 5 and 9), generated from the topology: every route × every role, for
 * a principal of the owning agency, of another agency, and auditors inside and outside the records' jurisdiction,
 * plus the body fields that name another record. A role a route does not list is 403; another agency's record is
 * 404 (never 403, 409 or 2xx, which would tell it exists); lists never show another agency's records.
 */
const OTHER = 'SAMR-440305';

describe('the access matrix, from the topology', () => {
  let platform: RunningPlatform;
  let ids: Record<string, string>;
  const matrix = new Map<string, number>();
  const principal = async (roles: string[], agency: string, jurisdiction = agency === AGENCY ? '110105' : '440305') =>
    api(platform.url, await tokenFor(platform.url, { sub: `m-${roles.join('-')}-${agency}`, roles, agency, jurisdiction }));

  beforeAll(async () => {
    platform = await startPlatform();
    const { taskId, supervisor } = await seedTask(platform.url, {
      entities: [{ serial: 1 }, { serial: 2 }],
      inspectors: ['i1', 'i2'],
      witness: 'w',
    });
    const inspectionId = `${taskId}~${usccFor(1)}`;
    const officer = await principal(['case-officer'], AGENCY);
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'organisation', name: '某公司' },
      summary: '投诉',
    });
    const { started } = await importFile(
      supervisor,
      JSON.stringify({ uscc: usccFor(3), name: 'x', industry: 'F52', region: '110105', address: 'y' }),
    );
    const inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    await eventually(async () => ((await inspector('GET', `/inspections/${inspectionId}`)).status === 200 ? true : undefined), 60_000);
    // An alert of the agency: an enforcement system's risk signal about its entity raises one at once.
    const admin = await principal(['admin'], AGENCY);
    await admin('POST', '/systems', {
      id: 'matrix-tax',
      name: '税务',
      clientId: 'matrix-client',
      source: 'urn:matrix',
      eventTypes: ['External.RiskSignal'],
      ratePerSecond: 10,
    });
    const system = await tokenFor(platform.url, { client_id: 'matrix-client', scopes: ['events:write'], agency: AGENCY });
    await fetch(`${platform.url}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system}`, 'content-type': 'application/cloudevents-batch+json' },
      body: JSON.stringify([
        {
          specversion: '1.0',
          id: 's-1',
          source: 'urn:matrix',
          type: 'External.RiskSignal',
          time: new Date().toISOString(),
          subject: usccFor(1),
          data: { signal: 'X', severity: 'low', description: '线索', observedOn: new Date().toISOString().slice(0, 10) },
        },
      ]),
    });
    const alertId = await eventually(async () => (await officer('GET', '/alerts')).json.items[0]?.alertId as string | undefined, 60_000);
    ids = {
      '/alerts/{id}': alertId,
      uscc: usccFor(1),
      subject: usccFor(1),
      code: 'SC-1',
      stratum: 'D',
      '/inspectors/{id}': 'i1',
      '/entities/imports/{id}': started.json.id,
      '/sampling-tasks/{id}': taskId,
      '/inspections/{id}': inspectionId,
      '/cases/{id}': opened.json.caseId,
    };
  }, 180_000);
  afterAll(async () => {
    console.log(
      `access matrix: ${matrix.size} cells; by answer: ${JSON.stringify(Object.fromEntries([...matrix.values()].reduce((m, s) => m.set(s, (m.get(s) ?? 0) + 1), new Map<number, number>())))}`,
    );
    await platform.stop();
  });

  const guarded = routes.filter((r) => 'roles' in r.access);
  const pathOf = (path: string) =>
    path.replace(
      /\{(\w+)\}/g,
      (_, name: string) =>
        ids[name] ?? ids[Object.keys(ids).find((k) => k.startsWith('/') && path.startsWith(k.split('{')[0] ?? '')) ?? ''] ?? 'x',
    );
  const send = (call: Awaited<ReturnType<typeof principal>>, method: string, path: string) =>
    method === 'GET'
      ? call('GET', path)
      : path.endsWith('/imports')
        ? call(method, path, 'a\n', { 'content-type': 'text/csv' })
        : call(method, path, {});

  it('answers 403 to every role a route does not list, before reading anything', async () => {
    const wrong: string[] = [];
    for (const route of guarded) {
      const allowed = 'roles' in route.access ? route.access.roles : [];
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        const res = await send(await principal([role], AGENCY), route.method, pathOf(route.path));
        matrix.set(`${route.method} ${route.path} ${role} own`, res.status);
        if (res.status !== 403) wrong.push(`${route.method} ${route.path} as ${role}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 600_000);

  it('answers 404 to every allowed role of another agency that names this agency’s record in the path', async () => {
    const leaks: string[] = [];
    for (const route of guarded.filter((r) => r.path.includes('{'))) {
      for (const role of ('roles' in route.access ? route.access.roles : []).filter((r) => r !== 'auditor')) {
        const res = await send(await principal([role], OTHER), route.method, pathOf(route.path));
        matrix.set(`${route.method} ${route.path} ${role} other`, res.status);
        // 404, or 400 for a body refused before any record is read; never a 2xx, 403 or 409 that tells the record exists.
        if (res.status !== 404 && !(route.method !== 'GET' && res.status === 400))
          leaks.push(`${route.method} ${route.path} as ${role} of ${OTHER}: ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 600_000);

  it('shows another agency none of this agency’s records in any list', async () => {
    const leaks: string[] = [];
    const secrets = [ids.uscc, ids['/sampling-tasks/{id}'], ids['/cases/{id}'], ids['/inspections/{id}']] as string[];
    for (const route of guarded.filter((r) => r.method === 'GET' && !r.path.includes('{'))) {
      for (const role of 'roles' in route.access ? route.access.roles : []) {
        const res = await (await principal([role], OTHER))('GET', route.path);
        matrix.set(`GET ${route.path} ${role} other-list`, res.status);
        const shown = secrets.filter((s) => res.text.includes(s));
        if (shown.length > 0) leaks.push(`GET ${route.path} as ${role} of ${OTHER} shows ${shown.join(', ')}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 600_000);

  it('lets an auditor read across agencies only inside the jurisdiction, and never write', async () => {
    const outside = await principal(['auditor'], 'AUDIT-44', '44');
    const inside = await principal(['auditor'], 'AUDIT-11', '11');
    const wrong: string[] = [];
    for (const route of guarded.filter((r) => r.path.includes('{') && 'roles' in r.access && r.access.roles.includes('auditor'))) {
      const out = await send(outside, route.method, pathOf(route.path));
      const inn = await send(inside, route.method, pathOf(route.path));
      matrix.set(`${route.method} ${route.path} auditor outside`, out.status);
      matrix.set(`${route.method} ${route.path} auditor inside`, inn.status);
      if (out.status !== 404) wrong.push(`${route.method} ${route.path} auditor outside the jurisdiction: ${out.status}`);
      if (route.method !== 'GET') wrong.push(`${route.method} ${route.path} lets an auditor write`);
    }
    expect(wrong).toEqual([]);
    // Inside the jurisdiction an auditor reads the case, the inspection and the sampling task (DESIGN §5).
    expect((await inside('GET', `/cases/${ids['/cases/{id}']}`)).status).toBe(200);
    expect((await inside('GET', `/inspections/${ids['/inspections/{id}']}`)).status).toBe(200);
    expect((await inside('GET', `/sampling-tasks/${ids['/sampling-tasks/{id}']}`)).status).toBe(200);
  }, 600_000);

  it('refuses body fields that name another agency’s records as if they did not exist', async () => {
    const officer = await principal(['case-officer', 'supervisor'], OTHER);
    const inspector = await principal(['inspector'], OTHER);
    const party = { kind: 'organisation', name: '某公司' };
    const penalty = { types: ['warning'], violationCode: 'FOOD-35', level: 'lighter' };
    const answers = [
      ['POST /cases entity', await officer('POST', '/cases', { entity: ids.uscc, party, summary: 's' })],
      [
        'POST /cases/simple inspectionId',
        await inspector('POST', '/cases/simple', {
          entity: ids.uscc,
          party,
          summary: 's',
          penalty,
          inspectionId: ids['/inspections/{id}'],
        }),
      ],
      [
        'POST /sampling-tasks items',
        await officer('POST', '/sampling-tasks', {
          name: 't',
          items: [ids.code],
          teams: [{ agency: OTHER, count: 2 }],
          period: { start: '2026-04-01', end: '2026-06-30' },
        }),
      ],
      [
        'POST /sampling-tasks teams',
        await officer('POST', '/sampling-tasks', {
          name: 't',
          items: [ids.code],
          teams: [{ agency: AGENCY, count: 2 }],
          period: { start: '2026-04-01', end: '2026-06-30' },
        }),
      ],
      [
        'POST /inspectors conflicts',
        await officer('POST', '/inspectors', { id: 'o1', name: 'o', certificateNumber: 'c', conflicts: [ids.uscc] }),
      ],
    ] as const;
    const leaks = answers.filter(
      ([, res]) => !(res.status === 404 || res.status === 400 || (res.status === 201 && res.json.agency === OTHER)),
    );
    expect(leaks.map(([what, res]) => `${what}: ${res.status}`)).toEqual([]);
  });
});
