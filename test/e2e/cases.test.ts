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
  let seizureInspection: string;

  beforeAll(async () => {
    // A 30-day warning window, so that the clock sweep has a near deadline to report on a case opened today.
    platform = await startPlatform(undefined, { CASE_WARN_DAYS: '30' });
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    reviewer = api(platform.url, await tokenFor(platform.url, person('rev-1', ['legal-reviewer'])));
    const { taskId } = await seedTask(platform.url, {
      entities: [
        { serial: 1, overrides: { name: '某食品有限公司' } },
        { serial: 2, overrides: { name: '某便利店有限公司' } },
      ],
      inspectors: ['i1', 'i2'],
      checklist: [{ id: 'q1', question: '许可证?', mandatory: true }],
      taskName: 't',
      witness: 'w',
    });
    inspectionId = `${taskId}~${usccFor(1)}`;
    seizureInspection = `${taskId}~${usccFor(2)}`;
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
      allowed: ['register', 'decline', 'terminate', 'transfer', 'take-measure', 'preserve-evidence'],
    });
    expect(c.deadlines[0]).toMatchObject({ name: 'registration', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('refuses a step out of order with the allowed steps, a wrong role with 403, another agency with 404', async () => {
    const early = await supervisor('POST', `/cases/${caseId}/decide`, {});
    expect(early).toMatchObject({
      status: 409,
      json: {
        allowed: [
          'register',
          'decline',
          'terminate',
          'transfer',
          'take-measure',
          'preserve-evidence',
          'approve-measure',
          'extend-measure',
          'release-measure',
        ],
      },
    });
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
    expect(within.json).toMatchObject({
      status: 'decided',
      allowed: ['serve', 'record-payment', 'revoke', 'approve-instalments', 'remind-payment', 'record-appeal', 'apply-court-enforcement'],
    });
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
    const unknownEntity = await ownTeam('POST', '/cases/simple', { entity: usccFor(3), party, summary: 's', penalty, inspectionId });
    expect(unknownEntity.status).toBe(404);
    // An entity of the directory, but not the one the inspection was of: said in words.
    const wrongEntity = await ownTeam('POST', '/cases/simple', { entity: usccFor(2), party, summary: 's', penalty, inspectionId });
    expect(wrongEntity).toMatchObject({ status: 400, json: { errors: [{ field: 'inspectionId' }] } });
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

  // Issue 15. Late in the file: it moves the runtime's clock forward (POST /_local/clock), which the tests above must not see.
  it('seizes expired food on the spot with photos, extends once, releases at the decision; the unpaid fine’s surcharge stops at the fine; the court application is recorded', async () => {
    const day = (offset: number, from: string) =>
      new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const advance = async (days: number) => {
      const moved = await fetch(`${platform.url}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceDays: days }) });
      expect(moved.status).toBe(200);
      // Tokens are checked against the moved clock: ask for new ones, as the README says.
      officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
      supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    };
    const sweep = () => fetch(`${platform.url}/_local/schedules/case-clock-sweep`, { method: 'POST' });

    // An inspection finds expired food: its clue opens a case.
    const inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    await inspector('POST', `/inspections/${seizureInspection}/start`, { at: at(), channel: 'mobile-form', inspectors: ['i1', 'i2'] });
    await inspector('POST', `/inspections/${seizureInspection}/answers`, {
      at: at(),
      answers: [{ item: 'SC-1', question: 'q1', answer: 'no' }],
    });
    await inspector('POST', `/inspections/${seizureInspection}/result`, {
      at: at(),
      result: 'non-compliant',
      summary: '货架上有超过保质期的预包装食品',
    });
    await inspector('POST', `/inspections/${seizureInspection}/complete`, { at: at() });
    const id: string = (await eventually(async () => (await officer('GET', `/cases?entity=${usccFor(2)}`)).json.items?.[0], 60_000)).caseId;

    // The officer photographs the goods and seizes them on the spot (an emergency: approval within 24 hours).
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(30_000, 9)]);
    const ticket = await officer('POST', `/cases/${id}/uploads`, { contentType: 'image/jpeg', size: jpeg.length });
    expect(ticket.status).toBe(200);
    expect((await fetch(ticket.json.url, { method: 'PUT', headers: ticket.json.headers, body: jpeg })).status).toBe(200);
    const goods = { name: '过期预包装食品', quantity: 120, unit: '袋', photos: [ticket.json.evidenceId] };
    const unlisted = await officer('POST', `/cases/${id}/take-measure`, { kind: 'seize', items: [], reason: '过期食品', emergency: true });
    expect(unlisted.status).toBe(400);
    const unphotographed = await officer('POST', `/cases/${id}/take-measure`, {
      kind: 'seize',
      items: [{ ...goods, photos: ['ev-never-uploaded'] }],
      reason: '过期食品',
      emergency: true,
    });
    expect(unphotographed).toMatchObject({ status: 400, json: { errors: [{ message: expect.stringContaining('PUT the photo') }] } });
    const seized = await officer('POST', `/cases/${id}/take-measure`, {
      kind: 'seize',
      items: [goods],
      reason: '涉嫌销售过期食品',
      emergency: true,
    });
    expect(seized.status).toBe(200);
    expect(seized.json.allowed).toEqual(expect.arrayContaining(['approve-measure', 'extend-measure', 'release-measure']));
    const today = seized.json.clueOn as string;
    let measures = (await officer('GET', `/cases/${id}/measures`)).json.measures;
    expect(measures[0]).toMatchObject({
      measureId: 'm-1',
      kind: 'seize',
      state: 'in-force',
      emergency: true,
      approvalOverdue: false,
      items: [{ photos: [{ sha256: createHash('sha256').update(jpeg).digest('hex'), size: jpeg.length }] }],
    });
    const firstDue: string = measures[0].due;
    expect(firstDue >= day(30, today)).toBe(true); // 30 days, or the next working day after them
    // Evidence preserved on the spot as well, whose approval nobody records.
    await officer('POST', `/cases/${id}/preserve-evidence`, {
      items: [{ ...goods, name: '进货单据', quantity: 3, unit: '张' }],
      reason: '先行登记保存',
      emergency: true,
    });

    // The supervisor approves the seizure within 24 hours; the case is registered and investigated.
    const approved = await supervisor('POST', `/cases/${id}/approve-measure`, { measureId: 'm-1', approved: true, opinion: '同意扣押' });
    expect(approved.json.measures[0].approval).toMatchObject({ approved: true, late: false });
    await supervisor('POST', `/cases/${id}/register`, {});
    await officer('POST', `/cases/${id}/investigate`, {});

    // Extended once, by 30 days; a second extension and one over 30 days are refused, citing §25.
    const tooLong = await supervisor('POST', `/cases/${id}/extend-measure`, { measureId: 'm-1', days: 31, reason: '情况复杂' });
    expect(tooLong).toMatchObject({ status: 409, json: { detail: expect.stringContaining('§25') } });
    expect((await supervisor('POST', `/cases/${id}/extend-measure`, { measureId: 'm-1', days: 30, reason: '情况复杂' })).status).toBe(200);
    const again = await supervisor('POST', `/cases/${id}/extend-measure`, { measureId: 'm-1', days: 5, reason: '再次延长' });
    expect(again).toMatchObject({ status: 409, json: { detail: expect.stringContaining('行政强制法 §25 allows one extension') } });
    measures = (await officer('GET', `/cases/${id}/measures`)).json.measures;
    expect(measures[0].extension).toMatchObject({ days: 30 });
    expect(measures[0].due > firstDue).toBe(true);

    // Two days on: the preservation's approval was never recorded; the sweep reports it, and the late approval says so.
    await advance(2);
    expect((await sweep()).status).toBe(200);
    measures = (await officer('GET', `/cases/${id}/measures`)).json.measures;
    expect(measures[1]).toMatchObject({ kind: 'preserve', approvalOverdue: true });
    const late = await supervisor('POST', `/cases/${id}/approve-measure`, { measureId: 'm-2', approved: true, opinion: '补办批准' });
    expect(late.json.measures[1].approval).toMatchObject({ late: true });
    await officer('POST', `/cases/${id}/release-measure`, { measureId: 'm-2', reason: 'no-longer-needed', disposition: 'returned' });

    // Notified, decided with a fine and the confiscation of the goods; the seizure is released with the decision.
    const penalty = { types: ['fine', 'confiscation'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' };
    await officer('POST', `/cases/${id}/notify`, { proposed: penalty });
    expect((await supervisor('POST', `/cases/${id}/decide`, { penalty })).json.status).toBe('decided');
    const released = await officer('POST', `/cases/${id}/release-measure`, {
      measureId: 'm-1',
      reason: 'decided',
      disposition: 'confiscated',
    });
    expect(released.json.measures[0]).toMatchObject({ state: 'released', released: { reason: 'decided', disposition: 'confiscated' } });
    const served = await officer('POST', `/cases/${id}/serve`, {});
    const due: string = served.json.enforcement.schedule[0].due;
    expect((await officer('GET', `/cases/${id}/surcharge?on=${day(-1, due)}`)).json.surcharge).toBe(0);
    expect((await officer('GET', `/cases/${id}/surcharge?on=${due}`)).json.surcharge).toBe(0);
    expect((await officer('GET', `/cases/${id}/surcharge?on=${day(1, due)}`)).json.surcharge).toBe(600);

    // The fine goes unpaid: the surcharge grows 3% a day and stops at the fine on the 34th day.
    const now = (await (await fetch(`${platform.url}/_local/clock`)).json()) as { now: string };
    const localToday = new Date(Date.parse(now.now) + 8 * 3_600_000).toISOString().slice(0, 10);
    await advance(Math.round((Date.parse(day(40, due)) - Date.parse(localToday)) / 86_400_000));
    const unpaid = (await officer('GET', `/cases/${id}`)).json;
    expect(unpaid.enforcement).toMatchObject({ fineOutstanding: 20_000, surcharge: 20_000, owed: 40_000, capReachedOn: day(34, due) });
    expect((await officer('GET', `/cases/${id}/surcharge?on=${day(33, due)}`)).json.surcharge).toBe(19_800);
    await sweep();

    // The court: not before the reminder, not before the periods have run; then recorded, and the case shows it.
    const early = await supervisor('POST', `/cases/${id}/apply-court-enforcement`, { court: '北京市朝阳区人民法院' });
    expect(early).toMatchObject({ status: 409, json: { detail: expect.stringContaining('催告') } });
    await officer('POST', `/cases/${id}/remind-payment`, { note: '催告书已送达' });
    const notYet = await supervisor('POST', `/cases/${id}/apply-court-enforcement`, { court: '北京市朝阳区人民法院' });
    expect(notYet).toMatchObject({ status: 409, json: { earliest: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(notYet.json.detail).toContain(`from ${notYet.json.earliest}`);
    const clock = (await (await fetch(`${platform.url}/_local/clock`)).json()) as { now: string };
    const on = new Date(Date.parse(clock.now) + 8 * 3_600_000).toISOString().slice(0, 10);
    await advance(Math.round((Date.parse(notYet.json.earliest) - Date.parse(on)) / 86_400_000));
    const applied = await supervisor('POST', `/cases/${id}/apply-court-enforcement`, { court: '北京市朝阳区人民法院' });
    expect(applied.json).toMatchObject({
      status: 'court-enforcement',
      court: { fine: 20_000, surcharge: 20_000, earliest: notYet.json.earliest },
    });

    // The auditor finds all of it on the timeline, with the chain intact; the read is on the access log.
    const auditor = api(platform.url, await tokenFor(platform.url, person('aud-1', ['auditor'])));
    const events: { type: string }[] = (await auditor('GET', `/cases/${id}/timeline?limit=100`)).json.events;
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'Cases.MeasureTaken',
        'Cases.MeasureApproved',
        'Cases.MeasureExtended',
        'Cases.MeasureApprovalOverdue',
        'Cases.MeasureReleased',
        'Cases.PaymentOverdue',
        'Cases.PaymentReminded',
        'Cases.CourtEnforcementApplied',
      ]),
    );
    expect((await auditor('GET', `/cases/${id}/timeline/verify`)).json.ok).toBe(true);
    expect((await auditor('GET', `/cases/${id}/measures`)).status).toBe(200);
    const csv = await auditor('GET', `/cases/${id}/timeline?format=csv`);
    expect(csv.text).toContain('Cases.MeasureExtended');
    const log = (await auditor('GET', '/audit/access-log?limit=100')).json.items;
    expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ reader: 'aud-1', caseId: id, what: 'measures' })]));
    const metrics = (await supervisor('GET', `/case-metrics?from=${today}&to=${on}`)).json;
    expect(metrics.total.measures).toMatchObject({ taken: 2, extended: 1, released: 2, approvedLate: 1 });
    expect(metrics.total.enforcement).toMatchObject({ reminders: 1 });
  }, 120_000);

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
