import { CloudEvent } from 'cloudevents';
import { chinaDay } from '#shared/calendar';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { timeOn } from '../support/event-time.ts';
import { refoldCheck } from '../support/refold.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const AGENCY = 'SAMR-110105';
const SOURCE = 'urn:cn:gov:market:110105:credit-test';
const person = (sub: string, roles: string[], agency = AGENCY) => ({ sub, roles, agency, jurisdiction: '110105' });

/** What another department's system posts with the CloudEvents SDK. */
const inspection = (id: string, subject: string, inspectedOn: string, result: string) =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.InspectionResult',
    time: timeOn(inspectedOn),
    subject,
    data: { inspectionNumber: `SW-${id}`, inspectedOn, result, items: ['发票管理'], summary: '' },
  });
const fine = (id: string, subject: string, decidedOn: string, amount: number) =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.PenaltyDecision',
    time: timeOn(decidedOn),
    subject,
    data: {
      decisionNumber: `京税罚〔2026〕${id}号`,
      decidedOn,
      penalty: { types: ['fine'], fine: amount },
      legalBasis: '《税收征收管理法》',
    },
  });

describe('an entity’s credit profile (GET /entities/{uscc}/credit)', () => {
  let platform: RunningPlatform;
  let supervisor: ReturnType<typeof api>;
  const uscc = usccFor(3);

  beforeAll(async () => {
    platform = await startPlatform();
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    expect((await admin('POST', '/entities', entityInput(3))).status).toBe(201);
    const registered = await admin('POST', '/systems', {
      id: 'tax-110105-credit',
      name: '东城区税务局执法系统',
      clientId: 'tax-client-credit',
      source: SOURCE,
      eventTypes: ['External.InspectionResult', 'External.PenaltyDecision'],
      ratePerSecond: 50,
    });
    expect(registered.status).toBe(201);
    const system = await tokenFor(platform.url, { client_id: 'tax-client-credit', scopes: ['events:write'], agency: AGENCY });
    const events = [
      inspection('1', uscc, '2026-03-01', 'non-compliant'),
      inspection('2', uscc, '2026-04-01', 'non-compliant'),
      fine('3', uscc, '2026-05-06', 200_000),
    ];
    const response = await fetch(`${platform.url}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${system}`, 'content-type': 'application/cloudevents-batch+json' },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('explains a class C, factor by factor, from what another department reported', async () => {
    // The fixture's second vector: 1000 - 55 - 58 - 150 = 737 as of 6 May 2026 (test/fixtures/credit-vectors.json).
    const profile = await supervisor('GET', `/entities/${uscc}/credit?asOf=2026-05-06`);
    expect(profile.status).toBe(200);
    expect(profile.json).toMatchObject({ uscc, asOf: '2026-05-06', score: 737, class: 'C', rules: ['credit-v1'] });
    expect(profile.json.factors.map((f: { rule: string; points: number; by: string }) => [f.rule, f.points, f.by])).toEqual([
      ['credit-v1/inspection-non-compliant', -55, 'other-department'],
      ['credit-v1/inspection-non-compliant', -58, 'other-department'],
      ['credit-v1/penalty-fine', -150, 'other-department'],
    ]);
    expect(profile.json.factors[0].source).toMatchObject({ stream: `external/${AGENCY}/${uscc}`, type: 'External.InspectionResult' });
    // Before the first report the entity was A; two years after the inspections only the fine still weighs, decaying over
    // 36 months: 696 of its 1,096 days gone on 1 April 2028, -150 x (1 - 696/1096) = -54.7 -> -55.
    expect((await supervisor('GET', `/entities/${uscc}/credit?asOf=2026-02-01`)).json).toMatchObject({ score: 1000, class: 'A' });
    const later = await supervisor('GET', `/entities/${uscc}/credit?asOf=2028-04-01`);
    expect(later.json.factors.map((f: { points: number }) => f.points)).toEqual([0, 0, -55]);
  });

  it('lists an entity as abnormal (class at best C), removes it, and refuses what the lists do not allow', async () => {
    const other = usccFor(4);
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    expect((await admin('POST', '/entities', entityInput(4))).status).toBe(201);
    expect((await supervisor('GET', `/entities/${other}/credit`)).json).toMatchObject({ score: 1000, class: 'A' });

    const unknownCause = await supervisor('POST', `/entities/${other}/listings`, { list: 'abnormal', cause: 'late-tax' });
    expect(unknownCause.status).toBe(400);
    expect(unknownCause.json.detail).toContain('annual-report-not-published');
    const listed = await supervisor('POST', `/entities/${other}/listings`, { list: 'abnormal', cause: 'annual-report-not-published' });
    expect(listed.status).toBe(201);
    const capped = (await supervisor('GET', `/entities/${other}/credit`)).json;
    expect(capped).toMatchObject({ score: 1000, scoreClass: 'A', class: 'C', capped: { by: 'abnormal' } });
    expect(capped.listings).toEqual([expect.objectContaining({ list: 'abnormal', listing: `credit-listing/${listed.json.listingId}` })]);

    const removed = await supervisor('POST', `/listings/${listed.json.listingId}/remove`, { reason: '已补报年度报告并公示' });
    expect(removed.status).toBe(200);
    expect((await supervisor('GET', `/entities/${other}/credit`)).json).toMatchObject({ class: 'A', listings: [] });
    expect((await supervisor('POST', `/listings/${listed.json.listingId}/remove`, { reason: 'again' })).status).toBe(409);

    // The serious list: only with the case of its heavier penalty, and never off it within a year.
    expect((await supervisor('POST', `/entities/${other}/listings`, { list: 'serious', cause: '严重违法' })).status).toBe(400);
    expect((await supervisor('POST', `/entities/${other}/listings`, { list: 'serious', cause: '严重违法', caseId: 'case-x' })).status).toBe(
      400,
    );
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const decided = async (level: string, fine: number) => {
      const opened = await officer('POST', '/cases', {
        entity: other,
        party: { kind: 'organisation', name: '某商贸有限公司' },
        summary: '无证经营食品',
      });
      const id = opened.json.caseId as string;
      expect((await supervisor('POST', `/cases/${id}/register`, {})).status).toBe(200);
      expect((await officer('POST', `/cases/${id}/investigate`, {})).status).toBe(200);
      expect(
        (await officer('POST', `/cases/${id}/notify`, { proposed: { types: ['fine'], fine, violationCode: 'FOOD-35', level } })).status,
      ).toBe(200);
      expect((await supervisor('POST', `/cases/${id}/decide`, {})).status).toBe(200);
      return id;
    };
    const normal = await supervisor('POST', `/entities/${other}/listings`, {
      list: 'serious',
      cause: '严重违法',
      caseId: await decided('normal', 20_000),
    });
    expect(normal.status).toBe(409);
    expect(normal.json.detail).toContain('not a heavier penalty');
    const heavierCase = await decided('heavier', 80_000);
    const serious = await supervisor('POST', `/entities/${other}/listings`, { list: 'serious', cause: '严重违法', caseId: heavierCase });
    expect(serious.status).toBe(201);
    expect((await supervisor('GET', `/entities/${other}/credit`)).json).toMatchObject({ class: 'D', capped: { by: 'serious' } });
    const early = await supervisor('POST', `/listings/${serious.json.listingId}/remove`, { reason: '已履行' });
    expect(early.status).toBe(409);
    expect(early.json.detail).toContain('§16');
    expect(early.json.earliest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Another agency cannot see or touch the listing.
    const foreign = api(platform.url, await tokenFor(platform.url, person('sup-9', ['supervisor'], 'SAMR-440305')));
    expect((await foreign('POST', `/listings/${serious.json.listingId}/remove`, { reason: 'x' })).status).toBe(404);
  });

  it('re-classifies at once when facts arrive, and the next draw puts the entity in stratum C, its proof citing the profile version', async () => {
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    const drawn = usccFor(5);
    expect((await admin('POST', '/entities', entityInput(5))).status).toBe(201);
    const history = async () => (await supervisor('GET', `/entities/${drawn}/credit/history`)).json;
    expect(await history()).toEqual({ uscc: drawn, class: null, changes: [] });

    // Two non-compliant inspections and a fine of 200,000 from another department, in the last few days:
    // 1000 - 60 - 60 - 150 = 730, class C (a few days of decay round away from 0).
    const daysAgo = (n: number) => chinaDay(Date.now() - n * 86_400_000);
    const system = await tokenFor(platform.url, { client_id: 'tax-client-credit', scopes: ['events:write'], agency: AGENCY });
    const post = async (events: CloudEvent<unknown>[]) =>
      fetch(`${platform.url}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${system}`, 'content-type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(events),
      });
    const reported = await post([
      inspection('5-1', drawn, daysAgo(3), 'non-compliant'),
      inspection('5-2', drawn, daysAgo(2), 'non-compliant'),
      fine('5-3', drawn, daysAgo(1), 200_000),
    ]);
    expect(reported.status).toBe(200);
    const classedC = await eventually(async () => {
      const h = await history();
      return h.class === 'C' ? h : undefined;
    }, 60_000);
    const last = classedC.changes.at(-1);
    expect(last).toMatchObject({ to: 'C', score: 730, rules: ['credit-v1'], cause: { kind: 'fact' } });
    expect(last.cause.event.stream).toBe(`external/${AGENCY}/${drawn}`);
    expect((await supervisor('GET', `/entities/${drawn}/credit`)).json).toMatchObject({ score: 730, class: 'C' });

    // The next task's draw classes it by that profile version.
    for (const id of ['credit-insp-1', 'credit-insp-2']) {
      expect((await supervisor('POST', '/inspectors', { id, name: id, certificateNumber: id })).status).toBe(201);
    }
    const item = {
      code: 'CR-1',
      name: '信用风险检查',
      legalBasis: '《企业信息公示暂行条例》',
      checklist: [{ id: 'q1', question: '是否公示年报', mandatory: true }],
    };
    expect((await admin('POST', '/inspection-items', item)).status).toBe(201);
    const task = await supervisor('POST', '/sampling-tasks', {
      name: '信用分类抽查',
      items: ['CR-1'],
      teams: [{ agency: AGENCY, count: 2 }],
      period: { start: '2026-12-01', end: '2026-12-31' },
    });
    expect(task.status).toBe(201);
    const taskId = task.json.id as string;
    expect((await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: '信用见证人' })).status).toBe(200);
    const population = (await supervisor('GET', `/sampling-tasks/${taskId}/populations/C`)).json;
    expect(population.ids).toContain(drawn);
    const proof = (await supervisor('GET', `/sampling-tasks/${taskId}/proof`)).json;
    expect(proof.classedBy.strata.C[drawn]).toBe(last.version);
    expect(proof.classedBy.basis).toContain('国市监信发〔2022〕6号');

    // A class change after the freeze does not move it: two more fines make it D, the drawn task keeps it in C.
    expect((await post([fine('5-4', drawn, daysAgo(1), 2_000_000), fine('5-5', drawn, daysAgo(0), 2_000_000)])).status).toBe(200);
    await eventually(async () => ((await history()).class === 'D' ? true : undefined), 60_000);
    expect((await supervisor('GET', `/sampling-tasks/${taskId}/populations/C`)).json.ids).toContain(drawn);
    expect((await supervisor('GET', `/sampling-tasks/${taskId}/proof`)).json.classedBy.strata.C[drawn]).toBe(last.version);
  });

  it('lists an entity as abnormal, takes its application for removal and removes it within the clock', async () => {
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const entity = usccFor(7);
    expect((await admin('POST', '/entities', entityInput(7))).status).toBe(201);
    const today = chinaDay(Date.now());
    const noLetters = await supervisor('POST', `/entities/${entity}/listings`, { list: 'abnormal', cause: 'unreachable-at-address' });
    expect(noLetters.status).toBe(400);
    expect(noLetters.json.detail).toContain('15 to 30 days apart');
    const listed = await supervisor('POST', `/entities/${entity}/listings`, {
      list: 'abnormal',
      cause: 'information-not-published',
      causeOn: today,
    });
    expect(listed.status).toBe(201);
    expect(listed.json).toMatchObject({ causeOn: today, late: false });
    const id = listed.json.listingId as string;

    expect((await officer('POST', `/listings/${id}/decide-removal`, { outcome: 'remove', note: 'x' })).status).toBe(403);
    expect((await supervisor('POST', `/listings/${id}/decide-removal`, { outcome: 'remove', note: 'x' })).status).toBe(409);
    const applied = await officer('POST', `/listings/${id}/apply-removal`, { reason: '已按责令期限公示相关信息' });
    expect(applied.status).toBe(200);
    expect(applied.json.application).toMatchObject({ status: 'applied', deadlines: [{ name: 'decide-removal' }] });
    const due = applied.json.application.deadlines[0].due as string;
    expect(due > today).toBe(true);
    expect((await officer('POST', `/listings/${id}/apply-removal`, { reason: 'again' })).status).toBe(409);
    const accept = await supervisor('POST', `/listings/${id}/decide-removal`, { outcome: 'accept', note: '受理' });
    expect(accept.status).toBe(409);
    expect(accept.json.detail).toContain('decided, not accepted');
    const removed = await supervisor('POST', `/listings/${id}/decide-removal`, { outcome: 'remove', note: '已核实公示' });
    expect(removed.status).toBe(200);
    expect(removed.json.removed.on).toBe(today);
    expect(removed.json.application.deadlines[0]).toMatchObject({ due, met: today });
    expect((await supervisor('GET', `/entities/${entity}/credit`)).json).toMatchObject({ class: 'A', listings: [] });
  });

  it('takes an objection to a factor, marks it 异议处理中 while it runs, and removes the factor once upheld', async () => {
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const before = (await supervisor('GET', `/entities/${uscc}/credit`)).json;
    const disputed = before.factors[0].source as { stream: string; seq: number };
    const unknown = await officer('POST', `/entities/${uscc}/objections`, {
      target: { kind: 'factor', stream: disputed.stream, seq: 99 },
      reason: '无此记录',
    });
    expect(unknown.status).toBe(400);
    const filed = await officer('POST', `/entities/${uscc}/objections`, {
      target: { kind: 'factor', stream: disputed.stream, seq: disputed.seq },
      reason: '该检查对象系已注销的分支机构，非本企业',
    });
    expect(filed.status).toBe(201);
    expect(filed.json).toMatchObject({ status: 'filed', deadlines: [{ name: 'accept-objection' }] });
    const again = await officer('POST', `/entities/${uscc}/objections`, {
      target: { kind: 'factor', stream: disputed.stream, seq: disputed.seq },
      reason: '重复',
    });
    expect(again.status).toBe(409);
    const running = (await supervisor('GET', `/entities/${uscc}/credit`)).json;
    expect(running.factors[0]).toMatchObject({ source: disputed, underObjection: `credit-objection/${filed.json.objectionId}` });
    expect(running.factors[0].points).toBe(before.factors[0].points); // it still counts (CREDIT_OBJECTION_SUSPENDS=false)
    expect(running.openObjections).toEqual([expect.objectContaining({ objection: `credit-objection/${filed.json.objectionId}` })]);

    const id = filed.json.objectionId as string;
    // On the agency's list of requests waiting for a decision, with its next step and by when.
    const pending = async () => ((await supervisor('GET', '/credit/requests')).json.items as { id: string }[]).find((r) => r.id === id);
    expect(await pending()).toMatchObject({
      kind: 'objection',
      uscc,
      entity: entityInput(3).name,
      status: 'filed',
      next: 'accept',
      due: filed.json.deadlines[0].due,
      overdue: false,
      target: { kind: 'factor' },
    });
    expect((await supervisor('GET', '/credit/requests?status=all')).status).toBe(400);
    expect((await supervisor('GET', `/credit/requests?uscc=${usccFor(99)}`)).status).toBe(404);
    expect((await supervisor('POST', `/objections/${id}/decide`, { upheld: true, note: '先受理' })).status).toBe(409);
    const accepted = await supervisor('POST', `/objections/${id}/accept`, { accept: true, note: '材料齐全，予以受理' });
    expect(accepted.status).toBe(200);
    expect(await pending()).toMatchObject({ status: 'accepted', next: 'decide', due: accepted.json.deadlines[1].due });
    expect(accepted.json.deadlines.map((d: { name: string }) => d.name)).toEqual(['accept-objection', 'verify-objection']);
    const upheld = await supervisor('POST', `/objections/${id}/decide`, { upheld: true, note: '经核实，该检查记录与本企业无关，予以删除' });
    expect(upheld.status).toBe(200);
    expect(upheld.json).toMatchObject({ status: 'upheld' });
    const after = (await supervisor('GET', `/entities/${uscc}/credit`)).json;
    expect(after.factors.map((f: { source: { seq: number } }) => f.source.seq)).not.toContain(disputed.seq);
    expect(after.openObjections).toEqual([]);
    expect(after.score).toBeGreaterThan(before.score);
    // Decided, it leaves the waiting list and stays on the entity's.
    expect(await pending()).toBeUndefined();
    const ofEntity = (await supervisor('GET', `/credit/requests?uscc=${uscc}&status=all`)).json.items;
    expect(ofEntity).toContainEqual(expect.objectContaining({ id, status: 'upheld', closedOn: upheld.json.closedOn }));
    expect(ofEntity.find((r: { id: string }) => r.id === id).next).toBeUndefined();
  });

  it('overrides a class only with a written reason and another supervisor’s approval, shown on the profile and in the history', async () => {
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const other = api(platform.url, await tokenFor(platform.url, person('sup-2', ['supervisor'])));
    const entity = usccFor(6);
    expect((await admin('POST', '/entities', entityInput(6, { creditClass: 'C' }))).status).toBe(201);
    expect((await supervisor('GET', `/entities/${entity}/credit`)).json).toMatchObject({ class: 'C', capped: { by: 'national' } });

    const noReason = await officer('POST', `/entities/${entity}/credit/override`, { class: 'B' });
    expect(noReason.status).toBe(400);
    const shortReason = await officer('POST', `/entities/${entity}/credit/override`, { class: 'B', reason: '  短  ' });
    expect(shortReason.status).toBe(400);
    expect(shortReason.json.detail).toContain('reason');
    expect((await officer('POST', `/entities/${entity}/credit/override`, { class: 'C', reason: '维持现有分类的书面理由' })).status).toBe(
      409,
    );
    const asked = await officer('POST', `/entities/${entity}/credit/override`, {
      class: 'B',
      reason: '全国系统分类依据的处罚已被撤销，核实无误',
    });
    expect(asked.status).toBe(201);
    expect(asked.json).toMatchObject({ class: 'B', computedClass: 'C', requestedBy: 'off-1' });
    expect((await officer('POST', `/overrides/${asked.json.overrideId}/decide`, { approve: true, note: '同意' })).status).toBe(403);
    const foreign = api(platform.url, await tokenFor(platform.url, person('sup-9', ['supervisor'], 'SAMR-440305')));
    expect((await foreign('POST', `/overrides/${asked.json.overrideId}/decide`, { approve: true, note: '同意' })).status).toBe(404);
    // Waiting on the agency's list (not on another agency's), with who asked: another supervisor decides.
    const waiting = async (who: ReturnType<typeof api>) =>
      ((await who('GET', '/credit/requests')).json.items as { id: string }[]).find((r) => r.id === asked.json.overrideId);
    expect(await waiting(other)).toMatchObject({
      kind: 'override',
      uscc: entity,
      status: 'requested',
      next: 'decide',
      class: 'B',
      computedClass: 'C',
      requestedBy: 'off-1',
    });
    expect(await waiting(foreign)).toBeUndefined();
    // Nothing changes until it is approved.
    expect((await supervisor('GET', `/entities/${entity}/credit`)).json).toMatchObject({ class: 'C' });

    const approved = await other('POST', `/overrides/${asked.json.overrideId}/decide`, { approve: true, note: '同意：已核实撤销决定书' });
    expect(approved.status).toBe(200);
    expect((await other('POST', `/overrides/${asked.json.overrideId}/decide`, { approve: false, note: '再次' })).status).toBe(409);
    expect(await waiting(other)).toBeUndefined();
    const profile = (await supervisor('GET', `/entities/${entity}/credit`)).json;
    expect(profile).toMatchObject({ class: 'B', override: { class: 'B', reason: '全国系统分类依据的处罚已被撤销，核实无误' } });
    expect(profile.override.source).toMatchObject({ stream: `credit-override/${asked.json.overrideId}`, type: 'Credit.OverrideDecided' });
    const history = await eventually(async () => {
      const h = (await supervisor('GET', `/entities/${entity}/credit/history`)).json;
      return h.class === 'B' ? h : undefined;
    }, 60_000);
    expect(history.changes.at(-1)).toMatchObject({
      from: null,
      to: 'B',
      cause: { kind: 'fact', event: { type: 'Credit.OverrideDecided' } },
    });
  });

  it('reads an entity’s credit timeline in pages, every event as stored, and verifies its hash chains', async () => {
    // The reports of beforeAll re-classified the entity (through the bus): its class stream leads the timeline.
    await eventually(
      async () => ((await supervisor('GET', `/entities/${uscc}/credit/history`)).json.class !== null ? true : undefined),
      60_000,
    );
    const first = await supervisor('GET', `/entities/${uscc}/credit/timeline?limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.events).toHaveLength(2);
    const rest = await supervisor('GET', `/entities/${uscc}/credit/timeline?limit=100&cursor=${first.json.cursor}`);
    const events = [...first.json.events, ...rest.json.events] as { stream: string; type: string; hash: string }[];
    expect(events[0]?.stream).toBe(`credit-class/${AGENCY}/${uscc}`);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['Credit.ClassChanged', 'Credit.ObjectionFiled', 'Credit.ObjectionAccepted', 'Credit.ObjectionDecided']),
    );
    const verified = await supervisor('GET', `/entities/${uscc}/credit/timeline/verify`);
    expect(verified.json.ok).toBe(true);
    expect(verified.json.streams.every((s: { ok: boolean }) => s.ok)).toBe(true);
    expect((await supervisor('GET', `/entities/${uscc}/credit/timeline?cursor=bogus`)).status).toBe(400);
  });

  it('counts the agency’s directory by class, as the draw classes it, by region and industry', async () => {
    const all = (await supervisor('GET', '/credit/distribution')).json;
    const { A, B, C, D } = all.classes as { A: number; B: number; C: number; D: number };
    expect(A + B + C + D).toBe(all.total);
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect(D).toBeGreaterThanOrEqual(1); // entity 5, after its fines
    expect(all.reclassified).toBeGreaterThanOrEqual(3);
    expect((await supervisor('GET', '/credit/distribution?industry=F52&region=110105')).json).toMatchObject({ total: all.total });
    expect((await supervisor('GET', '/credit/distribution?region=4403')).json).toMatchObject({
      total: 0,
      classes: { A: 0, B: 0, C: 0, D: 0 },
    });
    expect((await supervisor('GET', '/credit/distribution?industry=f52')).status).toBe(400);
    // The entities behind each class: the same ones in the same classes (a re-classified one in its own class).
    const behind = (await supervisor('GET', '/credit/entities?limit=500')).json;
    expect(behind.total).toBe(all.total);
    for (const c of ['A', 'B', 'C', 'D'] as const) {
      const ofClass = (await supervisor('GET', `/credit/entities?class=${c}&limit=500`)).json;
      expect(ofClass.total).toBe(all.classes[c]);
      expect(ofClass.items.every((e: { class: string }) => e.class === c)).toBe(true);
    }
    expect(behind.items.filter((e: { reclassified: boolean }) => e.reclassified)).toHaveLength(all.reclassified);
    const page1 = (await supervisor('GET', '/credit/entities?limit=2')).json;
    const page2 = (await supervisor('GET', `/credit/entities?limit=2&cursor=${page1.cursor}`)).json;
    expect([...page1.items, ...page2.items].map((e: { uscc: string }) => e.uscc)).toEqual(
      behind.items.slice(0, 4).map((e: { uscc: string }) => e.uscc),
    );
    // An auditor of the jurisdiction reads the agency's distribution; one of another counts none; a stranger gets 404.
    const auditorOf = async (jurisdiction: string) =>
      api(platform.url, await tokenFor(platform.url, { sub: 'aud-1', roles: ['auditor'], agency: 'AUDIT-11', jurisdiction }));
    const audited = (await (await auditorOf('11'))('GET', `/credit/distribution?agency=${AGENCY}`)).json;
    expect(audited).toMatchObject({ agency: AGENCY, total: all.total, classes: all.classes });
    expect((await (await auditorOf('44'))('GET', `/credit/distribution?agency=${AGENCY}`)).json).toMatchObject({ total: 0 });
    const stranger = api(platform.url, await tokenFor(platform.url, person('sup-9', ['supervisor'], 'SAMR-440305')));
    expect((await stranger('GET', `/credit/distribution?agency=${AGENCY}`)).status).toBe(404);
  });

  it('shows the public an entity’s listings in force, never its class; a listing objected to is marked, and removed once upheld', async () => {
    const listed = usccFor(4); // on the serious list since the second test
    const page = async () => {
      const r = await fetch(`${platform.url}/public/entities/${listed}`);
      expect(r.status).toBe(200);
      return (await r.json()) as { listings: { list: string; listName: string; underObjection: boolean }[]; decisions: unknown[] };
    };
    const before = await page();
    expect(before.listings).toEqual([expect.objectContaining({ list: 'serious', listName: '严重违法失信名单', underObjection: false })]);
    expect(JSON.stringify(before)).not.toMatch(/"class"|"score"/);
    const listing = (await supervisor('GET', `/entities/${listed}/credit`)).json.listings[0].listing as string;
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const filed = await officer('POST', `/entities/${listed}/objections`, {
      target: { kind: 'listing', listingId: listing.replace('credit-listing/', '') },
      reason: '列入所依据的处罚决定已被复议撤销',
    });
    expect(filed.status).toBe(201);
    expect((await page()).listings[0]?.underObjection).toBe(true);
    const id = filed.json.objectionId as string;
    expect((await supervisor('POST', `/objections/${id}/accept`, { accept: true, note: '予以受理' })).status).toBe(200);
    expect((await supervisor('POST', `/objections/${id}/decide`, { upheld: true, note: '经核实，列入依据已撤销' })).status).toBe(200);
    await eventually(async () => ((await page()).listings.length === 0 ? true : undefined), 60_000);
    expect((await supervisor('GET', `/entities/${listed}/credit`)).json.listings).toEqual([]);
    expect((await fetch(`${platform.url}/public/entities/not-a-code`)).status).toBe(400);
  });

  it('answers 404 for another agency’s entity and 400 for a malformed code; auditors read across agencies of their jurisdiction, on the access log', async () => {
    const foreign = api(platform.url, await tokenFor(platform.url, person('sup-9', ['supervisor'], 'SAMR-440305')));
    expect((await foreign('GET', `/entities/${uscc}/credit`)).status).toBe(404);
    expect((await foreign('GET', `/entities/${uscc}/credit?agency=${AGENCY}`)).status).toBe(404);
    const auditor = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'aud-1', roles: ['auditor'], agency: 'AUDIT-1101', jurisdiction: '1101' }),
    );
    const read = await auditor('GET', `/entities/${uscc}/credit?agency=${AGENCY}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ uscc, agency: AGENCY });
    expect((await auditor('GET', `/entities/${uscc}/credit/history?agency=${AGENCY}`)).status).toBe(200);
    expect((await auditor('GET', `/entities/${uscc}/credit/timeline/verify?agency=${AGENCY}`)).json.ok).toBe(true);
    const elsewhere = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'aud-2', roles: ['auditor'], agency: 'AUDIT-4403', jurisdiction: '4403' }),
    );
    expect((await elsewhere('GET', `/entities/${uscc}/credit?agency=${AGENCY}`)).status).toBe(404);
    const log = (await auditor('GET', '/audit/access-log?limit=20')).json.items as { record: string; what: string; reader: string }[];
    expect(log.map((e) => [e.record, e.what, e.reader])).toEqual(
      expect.arrayContaining([
        [`credit-class/${AGENCY}/${uscc}`, 'credit-profile', 'aud-1'],
        [`credit-class/${AGENCY}/${uscc}`, 'credit-history', 'aud-1'],
      ]),
    );
    expect((await supervisor('GET', '/entities/not-a-code/credit')).status).toBe(400);
  });

  // Last but one: it moves the runtime's clock forward 190 days (POST /_local/clock), which the tests above must not see.
  it('repairs a published decision after 6 months: off the disclosure site, and no longer weighing on the profile', async () => {
    const entity = usccFor(8);
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    expect((await admin('POST', '/entities', entityInput(8))).status).toBe(201);
    const opened = await officer('POST', '/cases', {
      entity,
      party: { kind: 'organisation', name: '某某食品有限公司' },
      summary: '经营超过保质期的食品',
    });
    expect(opened.status).toBe(201);
    const caseId = opened.json.caseId as string;
    expect((await supervisor('POST', `/cases/${caseId}/register`, {})).status).toBe(200);
    expect((await officer('POST', `/cases/${caseId}/investigate`, {})).status).toBe(200);
    const proposed = { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' };
    expect((await officer('POST', `/cases/${caseId}/notify`, { proposed })).status).toBe(200);
    expect((await supervisor('POST', `/cases/${caseId}/decide`, {})).status).toBe(200);
    const published = await eventually(async () => {
      const r = await fetch(`${platform.url}/public/decisions/${caseId}`);
      return r.status === 200 ? ((await r.json()) as { publishedOn: string }) : undefined;
    });
    const publicPage = async () =>
      (await (await fetch(`${platform.url}/public/entities/${entity}`)).json()) as { decisions: { caseId: string }[] };
    expect((await publicPage()).decisions.map((d) => d.caseId)).toEqual([caseId]);
    const weighing = (await supervisor('GET', `/entities/${entity}/credit`)).json;
    expect(weighing.factors.map((f: { source: { stream: string } }) => f.source.stream)).toContain(`case/${caseId}`);

    const application = { caseId, field: 'other', reason: '罚款已缴清，违法行为已改正', obligationsPerformed: true, harmRemoved: true };
    const tooEarly = await officer('POST', `/entities/${entity}/repairs`, application);
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.json.detail).toContain('国市监信规〔2021〕3号');
    expect(tooEarly.json.earliest > published.publishedOn).toBe(true);

    // Six months and more later (the local runtime's clock, moved forward; tokens are issued again on the new day).
    const moved = await fetch(`${platform.url}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceDays: 190 }) });
    expect(moved.status).toBe(200);
    const later = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    const laterOfficer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    expect((await laterOfficer('POST', `/entities/${entity}/repairs`, { ...application, harmRemoved: false })).status).toBe(400);
    const applied = await laterOfficer('POST', `/entities/${entity}/repairs`, application);
    expect(applied.status).toBe(201);
    expect(applied.json).toMatchObject({
      status: 'applied',
      regime: 'samr',
      earliest: tooEarly.json.earliest,
      deadlines: [{ name: 'accept-repair' }],
    });
    const id = applied.json.repairId as string;
    const waiting = async () => ((await later('GET', '/credit/requests')).json.items as { id: string }[]).find((r) => r.id === id);
    expect(await waiting()).toMatchObject({ kind: 'repair', caseId, regime: 'samr', next: 'accept', due: applied.json.deadlines[0].due });
    expect((await later('POST', `/repairs/${id}/decide`, { outcome: 'grant', note: '先受理' })).status).toBe(409);
    expect((await later('POST', `/repairs/${id}/accept`, { accept: true, note: '材料齐全，予以受理' })).status).toBe(200);
    expect((await later('POST', `/repairs/${id}/decide`, { outcome: 'extend', note: '延期' })).status).toBe(409); // SAMR: no extension
    const granted = await later('POST', `/repairs/${id}/decide`, { outcome: 'grant', note: '准予信用修复，停止公示' });
    expect(granted.status).toBe(200);
    expect(granted.json).toMatchObject({ status: 'granted' });
    expect(await waiting()).toBeUndefined();

    // The disclosure site no longer shows it; the penalty no longer weighs on the profile.
    await eventually(async () => ((await fetch(`${platform.url}/public/decisions/${caseId}`)).status === 404 ? true : undefined), 60_000);
    expect((await publicPage()).decisions).toEqual([]);
    const repaired = (await later('GET', `/entities/${entity}/credit`)).json;
    expect(repaired.factors.map((f: { source: { stream: string } }) => f.source.stream)).not.toContain(`case/${caseId}`);
    expect(repaired.score).toBe(1000);
    const timeline = (await later('GET', `/cases/${caseId}/timeline`)).json;
    expect(JSON.stringify(timeline)).toContain('Cases.DecisionWithdrawn');
  });

  it('leaves every head the fold of its stream’s events (npm run rebuild-heads -- --check)', async () => {
    const report = await refoldCheck(platform);
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
  });
});
