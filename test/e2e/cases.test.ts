import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const AGENCY = 'SAMR-110105';
const person = (sub: string, roles: string[], agency = AGENCY) => ({ sub, roles, agency, jurisdiction: '110105' });
const at = () => new Date().toISOString();

describe('penalty cases over HTTP, from a non-compliant inspection to a closed case', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  let officer: ReturnType<typeof api>;
  let reviewer: ReturnType<typeof api>;
  let caseId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    reviewer = api(platform.url, await tokenFor(platform.url, person('rev-1', ['legal-reviewer'])));
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    await supervisor('POST', '/entities', entityInput(1, { creditClass: 'D', name: '某食品有限公司' }));
    for (const id of ['i1', 'i2']) await supervisor('POST', '/inspectors', { id, name: id, certificateNumber: id });
    await admin('POST', '/inspection-items', {
      code: 'SC-1',
      name: '食品经营检查',
      legalBasis: '《食品安全法》',
      checklist: [{ id: 'q1', question: '许可证?', mandatory: true }],
    });
    const task = await supervisor('POST', '/sampling-tasks', {
      name: 't',
      items: ['SC-1'],
      teams: [{ agency: AGENCY, count: 2 }],
      period: { start: '2026-04-01', end: '2026-06-30' },
    });
    await supervisor('POST', `/sampling-tasks/${task.json.id}/draw`, { witness: 'w' });
    const inspectionId = `${task.json.id}~${usccFor(1)}`;
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
    expect(events.at(-1)).toMatchObject({ stream: `case/${caseId}`, type: 'Cases.CaseClosed' });
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
    expect(check.json).toMatchObject({ ok: true, streams: [{ ok: true }, { ok: true, checked: 12 }] });
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
    expect(rows.at(-1)).toContain('Cases.CaseClosed');
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
    expect(within.json).toMatchObject({ status: 'decided', allowed: ['serve', 'record-payment'] });
    expect(within.json.deadlines.map((d: { name: string }) => d.name)).toContain('payment');
  });
});
