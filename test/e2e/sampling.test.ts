import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DrawProof, verifyProof } from '#sampling/domain/proof';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { importFile } from '../support/imports.ts';
import { refoldCheck } from '../support/refold.ts';
import { api, eventually, ROOT, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const OWNER = 'SAMR-110105';
const PARTNER = 'FIRE-110105';
const person = (sub: string, roles: string[], agency = OWNER) => ({ sub, roles, agency, jurisdiction: '110105' });
const ENTITIES = 2_000;

/** `npm run verify-draw`, or with `reference` the independent Python implementation, on files as a user saves them. */
function verifyDrawCli(
  proof: unknown,
  populations: Record<string, unknown>,
  tool: 'verify-draw' | 'reference' = 'verify-draw',
): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'proof-'));
  mkdirSync(join(dir, 'populations'));
  writeFileSync(join(dir, 'proof.json'), JSON.stringify(proof));
  for (const [name, body] of Object.entries(populations)) writeFileSync(join(dir, 'populations', `${name}.json`), JSON.stringify(body));
  const [command, args] =
    tool === 'verify-draw'
      ? [resolve(ROOT, 'node_modules/.bin/tsx'), ['scripts/verify-draw.ts', join(dir, 'proof.json'), join(dir, 'populations')]]
      : ['python3', ['test/fixtures/draw-v1/reference.py', 'verify', join(dir, 'proof.json'), join(dir, 'populations')]];
  try {
    const output = execFileSync(command, args, { cwd: ROOT }).toString();
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: Buffer };
    return { code: failed.status, output: failed.stdout.toString() };
  }
}

describe('double-random sampling over the local runtime, as a new user tries it', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  let partnerSupervisor: ReturnType<typeof api>;
  let stranger: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let auditor: ReturnType<typeof api>;
  let taskId: string;
  const task = {
    name: '2026年食品经营者双随机抽查',
    items: ['SC-FOOD-001'],
    population: { industry: 'F52' },
    partnerAgencies: [PARTNER],
    teams: [
      { agency: OWNER, count: 2 },
      { agency: PARTNER, count: 1 },
    ],
    maxAssignmentsPerInspector: 40,
    period: { start: '2026-04-01', end: '2026-06-30' },
  };

  beforeAll(async () => {
    platform = await startPlatform();
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    partnerSupervisor = api(platform.url, await tokenFor(platform.url, person('sup-9', ['supervisor'], PARTNER)));
    stranger = api(platform.url, await tokenFor(platform.url, person('sup-x', ['supervisor'], 'SAMR-440305')));
    admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    auditor = api(platform.url, await tokenFor(platform.url, { sub: 'aud-1', roles: ['auditor'], agency: 'AUDIT-11', jurisdiction: '11' }));
    const rows = Array.from({ length: ENTITIES }, (_, i) =>
      JSON.stringify(entityInput(i + 1, { creditClass: 'ABCD'[i % 4], industry: i % 10 === 9 ? 'C13' : 'F52' })),
    );
    expect((await importFile(supervisor, rows.join('\n'))).job.accepted).toBe(ENTITIES);
    for (let i = 0; i < 12; i += 1) {
      const conflicts = i < 3 ? [usccFor(1), usccFor(2), usccFor(3), usccFor(4)] : [];
      expect(
        (await supervisor('POST', '/inspectors', { id: `insp-${i}`, name: `执法${i}`, certificateNumber: `ZF-${i}`, conflicts })).status,
      ).toBe(201);
    }
    for (let i = 0; i < 4; i += 1) {
      expect(
        (await partnerSupervisor('POST', '/inspectors', { id: `fire-${i}`, name: `消防${i}`, certificateNumber: `XF-${i}` })).status,
      ).toBe(201);
    }
    const item = {
      code: 'SC-FOOD-001',
      name: '食品经营检查',
      legalBasis: '《食品安全法》',
      checklist: [{ id: 'q1', question: '许可证?', mandatory: true }],
    };
    expect((await admin('POST', '/inspection-items', item)).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('refuses a bad plan with a problem+json 400 that names the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...task, ratesBp: { A: 10_001 } }, 'ratesBp.A'],
      [{ ...task, teams: [{ agency: OWNER, count: 1 }] }, 'teams'],
      [{ ...task, items: ['NO-SUCH-ITEM'] }, 'items'],
      [{ ...task, partnerAgencies: ['NOBODY-1'], teams: [{ agency: OWNER, count: 2 }] }, 'partnerAgencies'],
      [{ ...task, teams: [{ agency: 'ELSEWHERE', count: 2 }] }, 'teams'],
    ];
    for (const [body, field] of cases) {
      const res = await supervisor('POST', '/sampling-tasks', body);
      expect([res.status, res.json.errors?.[0]?.field]).toEqual([400, field]);
    }
    expect((await supervisor('GET', '/sampling-tasks')).json.items).toEqual([]);
  });

  it('refuses a task whose items’ checklists could not fit one inspection record, before any draw', async () => {
    // An agency of its own, so that these items count in no other test's coverage.
    const BIG = 'SAMR-110106';
    const bigAdmin = api(platform.url, await tokenFor(platform.url, person('adm-b', ['admin'], BIG)));
    const bigSupervisor = api(platform.url, await tokenFor(platform.url, person('sup-b', ['supervisor'], BIG)));
    const checklist = Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, question: 'x'.repeat(500), mandatory: false }));
    for (const code of ['BIG-1', 'BIG-2']) {
      expect((await bigAdmin('POST', '/inspection-items', { code, name: code, legalBasis: '法', checklist })).status).toBe(201);
    }
    const refused = await bigSupervisor('POST', '/sampling-tasks', {
      ...task,
      items: ['BIG-1', 'BIG-2'],
      teams: [{ agency: BIG, count: 2 }],
    });
    expect(refused).toMatchObject({
      status: 400,
      json: { errors: [{ field: 'items', message: expect.stringContaining('split the task') }] },
    });
    expect((await bigSupervisor('GET', '/sampling-tasks')).json.items).toEqual([]);
  });

  it('plans a joint task and answers its id and seed commitment', async () => {
    const res = await supervisor('POST', '/sampling-tasks', task);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'planned', ownerAgency: OWNER, ratesBp: { A: 500, B: 1500, C: 4000, D: 8000 } });
    expect(res.json.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(res.json).not.toHaveProperty('seed');
    taskId = res.json.id;
  });

  it('previews the population per credit class before the draw', async () => {
    const res = await supervisor('GET', `/sampling-tasks/${taskId}/preview`);
    expect(res.json.strata.map((s: { size: number }) => s.size)).toEqual([500, 400, 500, 400]);
  });

  it('keeps the seed secret before the draw', async () => {
    expect((await supervisor('GET', `/sampling-tasks/${taskId}/proof`)).status).toBe(409);
  });

  it('lets only a supervisor of the owning agency draw: 403 for a partner or an admin, 404 for a stranger', async () => {
    expect((await partnerSupervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: 'x' })).status).toBe(403);
    expect((await admin('POST', `/sampling-tasks/${taskId}/draw`, { witness: 'x' })).status).toBe(403);
    expect((await stranger('POST', `/sampling-tasks/${taskId}/draw`, { witness: 'x' })).status).toBe(404);
  });

  it('draws a joint task only once every partner has accepted it, by a step of its own supervisor', async () => {
    const early = await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: 'too early' });
    expect(early).toMatchObject({ status: 409, json: { pending: [PARTNER] } });
    expect((await supervisor('POST', `/sampling-tasks/${taskId}/accept`, {})).status).toBe(403);
    expect((await stranger('POST', `/sampling-tasks/${taskId}/accept`, {})).status).toBe(404);
    const accepted = await partnerSupervisor('POST', `/sampling-tasks/${taskId}/accept`, { note: '同意参加联合抽查' });
    expect(accepted).toMatchObject({ status: 200, json: { acceptedBy: [PARTNER] } });
    expect((await partnerSupervisor('POST', `/sampling-tasks/${taskId}/accept`, {})).json.acceptedBy).toEqual([PARTNER]);
  });

  it('draws once with the witness, reveals the seed, and refuses a second draw with 409', async () => {
    const drawn = await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: '公证员 王五 2026-04-01 09:30' });
    expect(drawn.status).toBe(200);
    expect(drawn.json.draw.strata.map((s: { k: number }) => s.k)).toEqual([25, 60, 200, 320]);
    expect((await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: 'again' })).status).toBe(409);
  });

  it('publishes a proof that re-runs to a match, with the populations, for an auditor too', async () => {
    const proof = (await auditor('GET', `/sampling-tasks/${taskId}/proof`)).json as DrawProof;
    const populations: Record<string, { ids: string[] }> = {};
    for (const s of proof.strata) populations[s.name] = (await auditor('GET', `/sampling-tasks/${taskId}/populations/${s.name}`)).json;
    expect(verifyProof(proof, new Map(Object.entries(populations).map(([k, v]) => [k, v.ids])))).toMatchObject({ match: true });
    expect(verifyDrawCli(proof, populations)).toMatchObject({ code: 0, output: expect.stringMatching(/^match\n/) });
    expect(verifyDrawCli(proof, populations, 'reference')).toEqual({ code: 0, output: 'match\n' });
    const edited = structuredClone(proof);
    (edited.strata[2] as { selected: string[] }).selected[5] = usccFor(99_999);
    const mismatch = verifyDrawCli(edited, populations);
    expect(mismatch.code).toBe(1);
    expect(mismatch.output).toMatch(/^mismatch: strata\[2\] \(C\)\.selected\[5\]/);
  });

  it('never puts a conflicted inspector on a team and records shortfalls instead of filling', async () => {
    const proof = (await supervisor('GET', `/sampling-tasks/${taskId}/proof`)).json as DrawProof;
    const conflicted = new Set([usccFor(1), usccFor(2), usccFor(3), usccFor(4)]);
    for (const a of proof.assignments) {
      if (conflicted.has(a.entity)) expect(a.inspectors.filter((id) => ['insp-0', 'insp-1', 'insp-2'].includes(id))).toEqual([]);
      expect(a.inspectors.length + a.shortfalls.reduce((n, s) => n + s.needed - s.assigned, 0)).toBe(3);
    }
    // 4 fire inspectors capped at 40 each cannot cover 605 entities: the rest is a recorded shortfall.
    expect(proof.assignments.filter((a) => a.shortfalls.some((s) => s.agency === PARTNER)).length).toBe(605 - 160);
  });

  it('puts each assigned inspection on its inspectors’ worklists', async () => {
    const proof = (await supervisor('GET', `/sampling-tasks/${taskId}/proof`)).json as DrawProof;
    const first = proof.assignments[0] as DrawProof['assignments'][number];
    const inspectorId = first.inspectors[0] as string;
    const worker = api(platform.url, await tokenFor(platform.url, person(inspectorId, ['inspector'])));
    const worklist = await eventually(async () => {
      const res = await worker('GET', '/worklist?limit=100');
      return res.json.items.some((w: { entity: { uscc: string } }) => w.entity.uscc === first.entity) ? res.json.items : undefined;
    }, 150_000); // 605 inspections are assigned through the bus: on a busy machine that takes a while
    expect(worklist[0]).toMatchObject({ taskId, status: 'assigned', plannedStart: '2026-04-01', items: ['SC-FOOD-001'] });
  }, 180_000);

  it('leaves entities drawn this year for the same item out of the next task’s population', async () => {
    const next = await supervisor('POST', '/sampling-tasks', { ...task, partnerAgencies: [], teams: [{ agency: OWNER, count: 2 }] });
    const preview = await eventually(async () => {
      const res = await supervisor('GET', `/sampling-tasks/${next.json.id}/preview`);
      return res.json.excludedAsDrawnThisYear === 605 ? res.json : undefined;
    }, 60_000);
    expect(preview.excludedAsDrawnThisYear).toBe(605);
    expect(preview.strata.reduce((n: number, s: { size: number }) => n + s.size, 0)).toBe(1800 - 605);
  }, 90_000);

  it('publishes plans and results to the public without a login, rate-limited', async () => {
    const anonymous = api(platform.url);
    const list = await anonymous('GET', '/public/sampling-tasks');
    expect(list.json.items.map((t: { id: string }) => t.id)).toContain(taskId);
    const one = await anonymous('GET', `/public/sampling-tasks/${taskId}`);
    expect(one.json).toMatchObject({ status: 'drawn', commitment: expect.any(String) });
    expect(one.json.selected).toHaveLength(605);
    expect(one.json).not.toHaveProperty('witness');
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1) statuses.push((await anonymous('GET', '/public/sampling-tasks?limit=1')).status);
    expect(statuses).toContain(429);
  });

  it('reports item coverage and the share of joint tasks for the period', async () => {
    const res = await supervisor('GET', '/sampling-metrics?from=2026-01-01&to=2026-12-31');
    expect(res.json).toMatchObject({ tasks: 2, jointTasks: 1, jointTaskShare: 0.5, itemsOwned: 1, itemsCovered: 1, itemCoverage: 1 });
    // An auditor of the jurisdiction reads the same figures of the agency; another agency's supervisor gets a 404.
    const audited = await auditor('GET', `/sampling-metrics?from=2026-01-01&to=2026-12-31&agency=${OWNER}`);
    expect(audited.json).toEqual(res.json);
    // By region: the tasks planned for it.
    expect((await supervisor('GET', '/sampling-metrics?from=2026-01-01&to=2026-12-31&region=110105')).json).toMatchObject({
      region: '110105',
      tasks: 2,
    });
    expect((await supervisor('GET', '/sampling-metrics?from=2026-01-01&to=2026-12-31&region=4403')).json).toMatchObject({ tasks: 0 });
    expect((await stranger('GET', `/sampling-metrics?from=2026-01-01&to=2026-12-31&agency=${OWNER}`)).status).toBe(404);
  });

  it('leaves every head the fold of its stream’s events (npm run rebuild-heads -- --check)', async () => {
    const report = await refoldCheck(platform);
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});
