import { createHash } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import canonicalize from 'canonicalize';
import { usccFor } from '../support/directory-fixtures.ts';
import { refoldCheck } from '../support/refold.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { seedTask } from '../support/seed.ts';

const AGENCY = 'SAMR-110105';
const person = (sub: string, roles: string[], agency = AGENCY) => ({ sub, roles, agency, jurisdiction: '110105' });
const at = () => new Date().toISOString();
interface PublicDecision {
  caseId: string;
  party: string;
  summary: string;
  publishedOn: string;
  takedownOn: string;
}

describe('penalty cases over HTTP, from a non-compliant inspection to a closed case', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  let officer: ReturnType<typeof api>;
  let reviewer: ReturnType<typeof api>;
  let caseId: string;
  let afterRegistration: string;
  let inspectionId: string;

  beforeAll(async () => {
    // A 30-day warning window, so that the clock sweep has a near deadline to report on a case opened today.
    platform = await startPlatform(undefined, { CASE_WARN_DAYS: '30' });
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    reviewer = api(platform.url, await tokenFor(platform.url, person('rev-1', ['legal-reviewer'])));
    const { taskId } = await seedTask(platform.url, {
      entities: [{ serial: 1, overrides: { name: '某食品有限公司' } }],
      inspectors: ['i1', 'i2'],
      checklist: [{ id: 'q1', question: '许可证?', mandatory: true }],
      taskName: 't',
      witness: 'w',
    });
    inspectionId = `${taskId}~${usccFor(1)}`;
    const inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    await eventually(async () => ((await inspector('GET', `/inspections/${inspectionId}`)).status === 200 ? true : undefined), 60_000);
    await inspector('POST', `/inspections/${inspectionId}/start`, { at: at(), channel: 'mobile-form', inspectors: ['i1', 'i2'] });
    await inspector('POST', `/inspections/${inspectionId}/answers`, {
      at: at(),
      answers: [{ item: 'SC-1', question: 'q1', answer: 'no' }],
    });
    await inspector('POST', `/inspections/${inspectionId}/result`, { at: at(), result: 'non-compliant', summary: '无证经营' });
    await inspector('POST', `/inspections/${inspectionId}/complete`, { at: at() });
    const found = await eventually(async () => {
      const list = await officer('GET', `/cases?entity=${usccFor(1)}`);
      return list.json.items?.[0];
    }, 60_000);
    caseId = found.caseId;
  }, 150_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('opens a clue from the inspection, with its registration deadline and the steps allowed', async () => {
    const c = (await officer('GET', `/cases/${caseId}`)).json;
    expect(c).toMatchObject({
      status: 'clue',
      source: { kind: 'inspection' },
      party: { name: '某食品有限公司' },
      allowed: ['register', 'decline', 'terminate', 'transfer'],
    });
    expect(c.deadlines[0]).toMatchObject({ name: 'registration', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('refuses a step out of order with the allowed steps, a wrong role with 403, another agency with 404', async () => {
    const early = await supervisor('POST', `/cases/${caseId}/decide`, {});
    expect(early).toMatchObject({ status: 409, json: { allowed: ['register', 'decline', 'terminate', 'transfer'] } });
    expect((await officer('POST', `/cases/${caseId}/register`, {})).status).toBe(403);
    const stranger = api(platform.url, await tokenFor(platform.url, person('sup-x', ['supervisor'], 'SAMR-440305')));
    expect((await stranger('GET', `/cases/${caseId}`)).status).toBe(404);
  });

  it('goes through registration, notification, hearing, legal review, decision, payment and closure', async () => {
    expect((await supervisor('POST', `/cases/${caseId}/register`, { note: '立案' })).json.status).toBe('registered');
    afterRegistration = new Date().toISOString();
    expect((await officer('POST', `/cases/${caseId}/investigate`, {})).json.status).toBe('investigating');
    const notified = await officer('POST', `/cases/${caseId}/notify`, {
      proposed: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
    });
    expect(notified.json.deadlines.map((d: { name: string }) => d.name)).toEqual(['decision', 'hearing-request']);
    expect((await officer('POST', `/cases/${caseId}/request-hearing`, {})).json.status).toBe('hearing');
    const today = new Date().toISOString().slice(0, 10);
    await officer('POST', `/cases/${caseId}/hold-hearing`, { from: today, to: today, summary: '听证笔录' });
    const refused = await supervisor('POST', `/cases/${caseId}/decide`, {});
    expect(refused.status).toBe(409);
    expect(refused.json.detail).toContain('§58');
    expect((await officer('POST', `/cases/${caseId}/submit-for-review`, {})).json.status).toBe('legal-review');
    await reviewer('POST', `/cases/${caseId}/review`, { approved: true, opinion: '事实清楚，证据确凿，程序合法' });
    const decided = await supervisor('POST', `/cases/${caseId}/decide`, {});
    expect(decided.json).toMatchObject({ status: 'decided', decision: { penalty: { fine: 20_000 }, major: ['a hearing was held'] } });
    const served = await officer('POST', `/cases/${caseId}/serve`, {});
    expect(served.json.deadlines.map((d: { name: string }) => d.name)).toContain('payment');
    expect((await officer('POST', `/cases/${caseId}/record-payment`, { amount: 20_000 })).json.status).toBe('executed');
    expect((await supervisor('POST', `/cases/${caseId}/close`, {})).json.status).toBe('closed');
  });

  it('shows the case as it stood at an earlier instant (asOf)', async () => {
    const then = await supervisor('GET', `/cases/${caseId}?asOf=${afterRegistration}`);
    expect(then.json).toMatchObject({
      status: 'registered',
      asOf: afterRegistration,
      version: 2,
      allowed: expect.arrayContaining(['investigate']),
    });
    expect(then.json.deadlines.map((d: { name: string }) => d.name)).toEqual(['decision']);
    expect((await supervisor('GET', `/cases/${caseId}?asOf=2020-01-01T00:00:00Z`)).status).toBe(404);
    const log = (await supervisor('GET', '/audit/access-log?limit=100')).json.items.map((e: { what: string }) => e.what);
    expect(log).toContain(`as-of ${afterRegistration}`);
    expect((await supervisor('GET', `/cases/${caseId}?asOf=yesterday`)).status).toBe(400);
  });

  it('publishes the decision without login, and lists it', async () => {
    const published = await eventually(async () => {
      const r = await fetch(`${platform.url}/public/decisions/${caseId}`);
      return r.status === 200 ? ((await r.json()) as PublicDecision) : undefined;
    });
    expect(published).toMatchObject({ caseId, party: '某食品有限公司', penalty: { fine: 20_000 }, agency: AGENCY });
    // ¥20,000 is above the small-fine threshold: three years.
    expect(Number(published.takedownOn.slice(0, 4)) - Number(published.publishedOn.slice(0, 4))).toBe(3);
    const list = (await (await fetch(`${platform.url}/public/decisions`)).json()) as { items: PublicDecision[] };
    expect(list.items.map((d: { caseId: string }) => d.caseId)).toContain(caseId);
  });

  it('publishes a natural person’s decision masked, and withdraws it when the decision is revoked', async () => {
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'person', name: '王小明' },
      summary: '当事人王小明（身份证110105199001011234，手机13912345678）销售过期食品',
    });
    const id = opened.json.caseId;
    await supervisor('POST', `/cases/${id}/register`, {});
    await officer('POST', `/cases/${id}/investigate`, {});
    await officer('POST', `/cases/${id}/notify`, {
      proposed: { types: ['fine'], fine: 5_000, violationCode: 'FOOD-35', level: 'lighter' },
    });
    expect((await supervisor('POST', `/cases/${id}/decide`, {})).json.status).toBe('decided');
    const notice = await eventually(async () => {
      const r = await fetch(`${platform.url}/public/decisions/${id}`);
      return r.status === 200 ? ((await r.json()) as PublicDecision) : undefined;
    });
    expect(notice).toMatchObject({ party: '王**', summary: '当事人王**（身份证110105********1234，手机139****5678）销售过期食品' });
    // A fine of ¥5,000 is a small fine: three months.
    expect(notice.takedownOn > notice.publishedOn).toBe(true);
    expect((await supervisor('POST', `/cases/${id}/revoke`, { reason: '行政复议决定撤销' })).json.status).toBe('revoked');
    await eventually(async () => ((await fetch(`${platform.url}/public/decisions/${id}`)).status === 404 ? true : undefined));
    const timeline = (await supervisor('GET', `/cases/${id}/timeline?limit=100`)).json.events.map((e: { type: string }) => e.type);
    expect(timeline.slice(-3)).toEqual(['Cases.DecisionRevoked', 'Cases.DecisionPublished', 'Cases.DecisionWithdrawn']);
  });

  it('records every step on the activity feed, in order', async () => {
    const types = await eventually(async () => {
      const feed = (await supervisor('GET', '/activity?limit=100')).json.items.filter(
        (e: { stream: string }) => e.stream === `case/${caseId}`,
      );
      return feed.length >= 12 ? feed.map((e: { type: string }) => e.type).reverse() : undefined;
    });
    expect(types).toEqual([
      'Cases.CaseOpened',
      'Cases.CaseRegistered',
      'Cases.InvestigationStarted',
      'Cases.PenaltyNotified',
      'Cases.HearingRequested',
      'Cases.HearingHeld',
      'Cases.SubmittedForReview',
      'Cases.LegalReviewed',
      'Cases.PenaltyDecided',
      'Cases.DecisionServed',
      'Cases.PaymentRecorded',
      'Cases.CaseClosed',
    ]);
  });

  it('gives an auditor the whole timeline, which my own code re-hashes, and logs the read', async () => {
    const auditor = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'aud-7', roles: ['auditor'], agency: 'AUDIT-11', jurisdiction: '11' }),
    );
    const events: { stream: string; seq: number; prevHash: string; hash: string; type: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await auditor('GET', `/cases/${caseId}/timeline?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      events.push(...page.json.events);
      cursor = page.json.cursor;
    } while (cursor !== undefined);
    expect(events[0]).toMatchObject({ stream: expect.stringMatching(/^inspection\//), type: 'Inspections.InspectionAssigned', seq: 1 });
    expect(events.at(-2)).toMatchObject({ stream: `case/${caseId}`, type: 'Cases.CaseClosed' });
    expect(events.at(-1)).toMatchObject({ stream: `publication/${caseId}`, type: 'Cases.DecisionPublished', actor: { role: 'system' } });
    // hash = SHA-256(prevHash + "\n" + JCS(event without hash)), chained per stream from 64 zeros.
    const last = new Map<string, string>();
    for (const event of events) {
      const { hash, ...rest } = event;
      expect(event.prevHash).toBe(last.get(event.stream) ?? '0'.repeat(64));
      expect(
        createHash('sha256')
          .update(`${event.prevHash}\n${canonicalize(rest)}`)
          .digest('hex'),
      ).toBe(hash);
      last.set(event.stream, hash);
    }
    const check = await auditor('GET', `/cases/${caseId}/timeline/verify`);
    expect(check.json).toMatchObject({ ok: true, streams: [{ ok: true }, { ok: true, checked: 12 }, { ok: true, checked: 1 }] });
    const log = await auditor('GET', '/audit/access-log');
    expect(log.json.items.map((e: { caseId: string; what: string; reader: string }) => [e.caseId, e.what, e.reader])).toContainEqual([
      caseId,
      'verify',
      'aud-7',
    ]);
    const outsider = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'aud-8', roles: ['auditor'], agency: 'AUDIT-44', jurisdiction: '44' }),
    );
    expect((await outsider('GET', `/cases/${caseId}/timeline`)).status).toBe(404);
  });

  it('exports the timeline as CSV and NDJSON', async () => {
    const csv = await supervisor('GET', `/cases/${caseId}/timeline?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = csv.text.split('\r\n');
    expect(rows[0]).toBe('stream,seq,type,version,occurredAt,recordedAt,actorId,actorRole,actorAgency,correlationId,data,prevHash,hash');
    expect(rows.at(-1)).toContain('Cases.DecisionPublished');
    const ndjson = await supervisor('GET', `/cases/${caseId}/timeline?format=ndjson`);
    expect(ndjson.text.split('\n')).toHaveLength(rows.length - 1);
  });

  it('lets one of two concurrent commands win; the other gets 409 and the chain stays whole', async () => {
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'organisation', name: '某食品有限公司' },
      summary: '投诉：无证经营',
    });
    expect(opened.status).toBe(201);
    const id = opened.json.caseId;
    const results = await Promise.all([
      supervisor('POST', `/cases/${id}/register`, {}),
      supervisor('POST', `/cases/${id}/decline`, { reason: '不予立案' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await supervisor('GET', `/cases/${id}/timeline/verify`)).json).toMatchObject({ ok: true, streams: [{ ok: true, checked: 2 }] });
  });

  it('lets an inspector decide on the spot within the simple-procedure limits (§51), and refuses more', async () => {
    const inspector = api(platform.url, await tokenFor(platform.url, person('i2', ['inspector'])));
    const base = { entity: usccFor(1), party: { kind: 'organisation', name: '某食品有限公司' }, summary: '未公示许可证' };
    const over = await inspector('POST', '/cases/simple', {
      ...base,
      penalty: { types: ['fine'], fine: 3_001, violationCode: 'FOOD-35', level: 'lighter' },
    });
    expect(over).toMatchObject({ status: 400, json: { errors: [{ field: 'penalty', message: expect.stringContaining('§51') }] } });
    const within = await inspector('POST', '/cases/simple', {
      ...base,
      penalty: { types: ['fine'], fine: 3_000, violationCode: 'FOOD-35', level: 'lighter' },
    });
    expect(within.status).toBe(201);
    expect(within.json).toMatchObject({ status: 'decided', allowed: ['serve', 'record-payment', 'revoke'] });
    expect(within.json.deadlines.map((d: { name: string }) => d.name)).toContain('payment');
  });

  it('refuses ids in a body that name another agency’s record, as a 404 like a path id (BOLA)', async () => {
    const OTHER = 'SAMR-440305';
    const foreignInspector = api(platform.url, await tokenFor(platform.url, person('i9', ['inspector'], OTHER)));
    const foreignOfficer = api(platform.url, await tokenFor(platform.url, person('off-9', ['case-officer'], OTHER)));
    const foreignAdmin = api(platform.url, await tokenFor(platform.url, person('adm-9', ['admin'], OTHER)));
    const penalty = { types: ['warning'], violationCode: 'FOOD-35', level: 'lighter' };
    const party = { kind: 'organisation', name: '某食品有限公司' };
    // The credit code is public and so is the task id: the inspection id can be guessed, but not used.
    const attached = await foreignInspector('POST', '/cases/simple', { entity: usccFor(1), party, summary: 's', penalty, inspectionId });
    expect(attached).toMatchObject({ status: 404, json: { type: '/problems/not-found' } });
    await foreignAdmin('POST', '/entities', {
      uscc: usccFor(1),
      name: '某食品有限公司',
      industry: 'F52',
      region: '440305',
      address: '深圳市南山区',
    });
    const withInspection = await foreignInspector('POST', '/cases/simple', {
      entity: usccFor(1),
      party,
      summary: 's',
      penalty,
      inspectionId,
    });
    expect(withInspection.status).toBe(404);
    expect((await foreignOfficer('POST', '/cases', { entity: usccFor(2), party, summary: 's' })).status).toBe(404);
    const ownTeam = api(platform.url, await tokenFor(platform.url, person('i2', ['inspector'])));
    const wrongEntity = await ownTeam('POST', '/cases/simple', { entity: usccFor(2), party, summary: 's', penalty, inspectionId });
    expect(wrongEntity.status).toBe(404);
    const right = await ownTeam('POST', '/cases/simple', { entity: usccFor(1), party, summary: 's', penalty, inspectionId });
    expect(right.status).toBe(201);
  });

  it('gives one Idempotency-Key exactly one effect, however many retries race or follow with another body', async () => {
    const body = { entity: usccFor(1), party: { kind: 'organisation', name: '某食品有限公司' }, summary: '投诉：幂等' };
    const key = { 'idempotency-key': 'complaint-key-1' };
    const before = (await officer('GET', `/cases?entity=${usccFor(1)}&limit=100`)).json.items.length;
    const raced = await Promise.all(Array.from({ length: 10 }, () => officer('POST', '/cases', body, key)));
    expect(raced.every((r) => r.status === 201 || (r.status === 409 && r.json.type === '/problems/request-in-progress'))).toBe(true);
    const other = await officer('POST', '/cases', { ...body, summary: '另一份投诉' }, key);
    const otherAgain = await officer('POST', '/cases', { ...body, summary: '另一份投诉' }, key);
    expect([other.status, otherAgain.status]).toEqual([422, 422]);
    const replay = await officer('POST', '/cases', body, key);
    expect(replay.status).toBe(201);
    const after = (await officer('GET', `/cases?entity=${usccFor(1)}&limit=100`)).json.items;
    expect(after.length - before).toBe(1);
    expect(new Set(raced.filter((r) => r.status === 201).map((r) => r.json.caseId))).toEqual(new Set([replay.json.caseId]));
  });

  it('warns of a near deadline from the daily sweep, once', async () => {
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'organisation', name: '某食品有限公司' },
      summary: '投诉：虚假宣传',
    });
    const id = opened.json.caseId;
    const sweep = async () =>
      (await (await fetch(`${platform.url}/_local/schedules/case-clock-sweep`, { method: 'POST' })).json()) as {
        result: { warned: number };
      };
    expect((await sweep()).result.warned).toBeGreaterThanOrEqual(1);
    await sweep();
    const events = (await supervisor('GET', `/cases/${id}/timeline`)).json.events;
    const warnings = events.filter((e: { type: string }) => e.type === 'Cases.DeadlineApproaching');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      actor: { id: 'clock-sweep', role: 'system' },
      data: { deadline: 'registration', due: opened.json.deadlines[0].due },
    });
  });

  it('leaves every head the fold of its stream’s events (npm run rebuild-heads -- --check)', async () => {
    const report = await refoldCheck(platform);
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });

  it('names the first broken link when an event item is edited behind the platform’s back', async () => {
    const endpoint = /DynamoDB Local: (http:\/\/\S+)/.exec(platform.output())?.[1];
    expect(endpoint).toBeDefined();
    const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const key = { pk: { S: `S#case/${caseId}` }, sk: { S: 'E#0000000009' } };
    const { Item } = await client.send(new GetItemCommand({ TableName: 'regulator-records', Key: key }));
    const event = JSON.parse(Item?.event?.S ?? '{}');
    expect(event.type).toBe('Cases.PenaltyDecided');
    event.data.penalty.fine = 200; // the fine, quietly lowered
    await client.send(new PutItemCommand({ TableName: 'regulator-records', Item: { ...Item, event: { S: JSON.stringify(event) } } }));
    client.destroy();
    const check = await supervisor('GET', `/cases/${caseId}/timeline/verify`);
    expect(check.json.ok).toBe(false);
    expect(check.json.streams[1]).toMatchObject({ stream: `case/${caseId}`, ok: false, checked: 8, brokenAt: { seq: 9 } });
  });
});
