import { CloudEvent } from 'cloudevents';
import type { Browser, Page } from 'playwright-core';
import { chinaDay } from '#shared/calendar';
import { launchChromium, phoneContext } from '../support/browser.ts';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { timeOn } from '../support/event-time.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const AGENCY = 'SAMR-110105';
const SOURCE = 'urn:cn:gov:tax:110105:alerts-test';
const person = (sub: string, roles: string[]) => ({ sub, roles, agency: AGENCY, jurisdiction: '110105' });
const daysAgo = (n: number) => chinaDay(Date.now() - n * 86_400_000);

/** A non-compliant inspection another department's system posts (CloudEvents, through ingest). */
const nonCompliant = (id: string, subject: string, inspectedOn: string) =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.InspectionResult',
    time: timeOn(inspectedOn),
    subject,
    data: { inspectionNumber: `SW-${id}`, inspectedOn, result: 'non-compliant', items: ['发票管理'], summary: '未按规定开具发票' },
  });
const riskSignal = (id: string, subject: string) =>
  new CloudEvent({
    id,
    source: SOURCE,
    type: 'External.RiskSignal',
    time: new Date().toISOString(),
    subject,
    data: { signal: 'TAX-ARREARS', severity: 'high', description: '欠缴税款超过 90 天', observedOn: daysAgo(0) },
  });

describe('risk alerts worked to closure over the local runtime (风险预警闭环处置)', () => {
  let platform: RunningPlatform;
  let officer: ReturnType<typeof api>;
  let supervisor: ReturnType<typeof api>;
  let post: (events: CloudEvent<unknown>[]) => Promise<Response>;
  const entity = usccFor(41);
  const quiet = usccFor(42);

  beforeAll(async () => {
    platform = await startPlatform();
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    for (const serial of [41, 42]) expect((await admin('POST', '/entities', entityInput(serial))).status).toBe(201);
    for (const id of ['i1', 'i2', 'i3']) {
      const conflicts = id === 'i3' ? [entity] : [];
      expect((await supervisor('POST', '/inspectors', { id, name: `检查员${id}`, certificateNumber: `C-${id}`, conflicts })).status).toBe(
        201,
      );
    }
    const item = await admin('POST', '/inspection-items', {
      code: 'SC-1',
      name: '食品经营检查',
      legalBasis: '《食品安全法》第三十五条',
      checklist: [{ id: 'q1', question: '是否持有有效许可证', mandatory: true }],
    });
    expect(item.status).toBe(201);
    const system = await admin('POST', '/systems', {
      id: 'tax-110105-alerts',
      name: '东城区税务局执法系统',
      clientId: 'tax-client-alerts',
      source: SOURCE,
      eventTypes: ['External.InspectionResult', 'External.RiskSignal'],
      ratePerSecond: 50,
    });
    expect(system.status).toBe(201);
    const token = await tokenFor(platform.url, { client_id: 'tax-client-alerts', scopes: ['events:write'], agency: AGENCY });
    post = (events) =>
      fetch(`${platform.url}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents-batch+json' },
        body: JSON.stringify(events),
      });
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
  });

  const alertsAbout = async (uscc: string) =>
    (await officer('GET', `/alerts?entity=${uscc}`)).json.items as { alertId: string; status: string }[];
  const firstAlert = async (uscc: string) => ((await alertsAbout(uscc))[0] as { alertId: string }).alertId;

  it('raises exactly one alert on the second non-compliant inspection, however often the events are posted', async () => {
    expect((await post([nonCompliant('1', entity, daysAgo(200))])).status).toBe(200);
    expect(await alertsAbout(entity)).toEqual([]);
    const batch = [nonCompliant('2', entity, daysAgo(3))];
    expect((await post(batch)).status).toBe(200);
    // The system retries the batch: every event a duplicate (207, per event), nothing raised again.
    expect((await post(batch)).status).toBe(207);
    const [alert] = await eventually(async () => {
      const items = await alertsAbout(entity);
      return items.length > 0 ? items : undefined;
    });
    // Both facts are on it: the first was observed without raising, the second made the condition.
    expect((alert as unknown as { facts: { on: string }[] }).facts.map((f) => f.on)).toEqual([daysAgo(200), daysAgo(3)]);
    expect(alert).toMatchObject({
      status: 'raised',
      rule: { id: 'repeat-non-compliance', version: 1 },
      subject: { kind: 'entity', id: entity },
    });
    expect(await alertsAbout(entity)).toHaveLength(1);
  }, 60_000);

  it('is acknowledged, verified and disposed of by a targeted inspection on two inspectors’ worklists (回避 respected)', async () => {
    const alertId = await firstAlert(entity);
    expect((await officer('POST', `/alerts/${alertId}/verify`, { finding: 'x' })).json).toMatchObject({
      status: 409,
      allowed: ['acknowledge', 'dismiss'],
    });
    expect((await officer('POST', `/alerts/${alertId}/acknowledge`, { note: '已签收' })).status).toBe(200);
    expect((await officer('POST', `/alerts/${alertId}/verify`, { finding: '两次检查均不合格，风险属实' })).status).toBe(200);
    const shortfall = await officer('POST', `/alerts/${alertId}/dispose`, {
      kind: 'targeted-inspection',
      inspectors: ['i1', 'i3'],
      items: ['SC-1'],
      plannedEnd: daysAgo(-14),
    });
    expect(shortfall.status).toBe(409);
    expect(shortfall.json.shortfall).toMatchObject({ needed: 2, eligible: 1, excluded: [{ inspector: 'i3' }] });
    expect((await officer('POST', `/alerts/${alertId}/dispose`, { kind: 'no-action', reason: '' })).status).toBe(400);
    const disposed = await officer('POST', `/alerts/${alertId}/dispose`, {
      kind: 'targeted-inspection',
      inspectors: ['i1', 'i2'],
      items: ['SC-1'],
      plannedEnd: daysAgo(-14),
    });
    expect(disposed.status).toBe(200);
    expect(disposed.json.disposed.disposal).toMatchObject({ kind: 'targeted-inspection', inspectionId: `${alertId}~1` });
    for (const id of ['i1', 'i2']) {
      const inspector = api(platform.url, await tokenFor(platform.url, person(id, ['inspector'])));
      const entry = await eventually(async () => {
        const items = (await inspector('GET', '/worklist')).json.items as { inspectionId: string }[];
        return items.find((i) => i.inspectionId === `${alertId}~1`);
      });
      expect(entry).toMatchObject({ taskId: alertId, origin: { kind: 'targeted', alertId } });
    }
  }, 60_000);

  it('closes with the targeted inspection’s result as feedback once the inspector completes it on the phone', async () => {
    const alertId = await firstAlert(entity);
    const browser: Browser = await launchChromium();
    try {
      const page: Page = await (await phoneContext(browser, platform.url)).newPage();
      await page.goto('/inspector/');
      await page.fill('#sub', 'i1');
      await page.click('button[type=submit]');
      await page.click(`a[data-inspection="${alertId}~1"]`);
      await page.click('#start');
      await page.waitForSelector('text=已开始');
      await page.click('[data-question="q1"] [data-choice="no"]');
      await page.click('[data-choice="non-compliant"]');
      await page.waitForSelector('[data-choice="non-compliant"][aria-pressed="true"]');
      await page.waitForSelector('#sync[data-pending="0"]', { timeout: 30_000 });
      await page.click('#complete');
      await page.waitForSelector('#completed');
      await page.waitForSelector('#sync[data-pending="0"]', { timeout: 30_000 });
    } finally {
      await browser.close();
    }
    const closed = await eventually(async () => {
      const a = await officer('GET', `/alerts/${alertId}`);
      return a.json.status === 'closed' ? a.json : undefined;
    });
    expect(closed.feedback).toEqual([
      expect.objectContaining({ from: { kind: 'inspection', id: `${alertId}~1` }, outcome: 'non-compliant' }),
    ]);
    const timeline = await officer('GET', `/alerts/${alertId}/timeline`);
    expect(timeline.json.events.map((e: { type: string }) => e.type)).toEqual([
      'Alerts.AlertRaised',
      'Alerts.AlertAcknowledged',
      'Alerts.AlertVerified',
      'Alerts.AlertDisposed',
      'Alerts.FeedbackReceived',
      'Alerts.AlertClosed',
    ]);
    expect((await officer('GET', `/alerts/${alertId}/timeline/verify`)).json.ok).toBe(true);
    // Closing the loop raised no next alert: a targeted inspection's result is feedback, not a new fact.
    expect(await alertsAbout(entity)).toHaveLength(1);
  }, 120_000);

  it('answers 404 for another agency’s alert, and never shows it in that agency’s list', async () => {
    const alertId = await firstAlert(entity);
    const stranger = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'x-1', roles: ['case-officer'], agency: 'SAMR-310101', jurisdiction: '310101' }),
    );
    expect((await stranger('GET', `/alerts/${alertId}`)).status).toBe(404);
    expect((await stranger('POST', `/alerts/${alertId}/acknowledge`, { note: '' })).status).toBe(404);
    expect((await stranger('GET', '/alerts')).json.items).toEqual([]);
    // The refused read is kept on the access log as denied: the probing the personnel-risk rule counts.
    const log = await supervisor('GET', '/audit/access-log?limit=50');
    expect(log.json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ reader: 'x-1', record: `alert/${alertId}`, denied: true })]),
    );
  });

  it('disposes by a case clue: a case with the alert as its source, whose end closes the alert', async () => {
    const other = usccFor(43);
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    expect((await admin('POST', '/entities', entityInput(43))).status).toBe(201);
    expect((await post([riskSignal('7', other)])).status).toBe(200);
    const alertId = await eventually(async () => (await alertsAbout(other))[0]?.alertId);
    await officer('POST', `/alerts/${alertId}/acknowledge`, { note: '' });
    await officer('POST', `/alerts/${alertId}/verify`, { finding: '欠税线索属实' });
    const disposed = await officer('POST', `/alerts/${alertId}/dispose`, { kind: 'case-clue', summary: '涉嫌虚假登记，移交立案审查' });
    expect(disposed.status).toBe(200);
    const caseId = disposed.json.disposed.disposal.caseId as string;
    const opened = await eventually(async () => {
      const c = await officer('GET', `/cases/${caseId}`);
      return c.status === 200 ? c.json : undefined;
    });
    expect(opened).toMatchObject({ status: 'clue', entity: other, source: { kind: 'alert', ref: alertId } });
    expect((await supervisor('POST', `/cases/${caseId}/decline`, { reason: '经核查不予立案' })).status).toBe(200);
    const closed = await eventually(async () => {
      const a = await officer('GET', `/alerts/${alertId}`);
      return a.json.status === 'closed' ? a.json : undefined;
    });
    expect(closed.feedback).toEqual([expect.objectContaining({ from: { kind: 'case', id: caseId }, outcome: 'not-registered' })]);
  }, 60_000);

  it('lets an auditor of the jurisdiction read another agency’s alerts and timelines, on the access log', async () => {
    const alertId = await firstAlert(entity);
    const auditor = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'aud-1', roles: ['auditor'], agency: 'AUDIT-11', jurisdiction: '11' }),
    );
    expect(
      (await auditor('GET', `/alerts?agency=${AGENCY}&entity=${entity}`)).json.items.map((a: { alertId: string }) => a.alertId),
    ).toEqual([alertId]);
    const read = await auditor('GET', `/alerts/${alertId}`);
    expect(read.status).toBe(200);
    expect(read.json.allowedSteps).toEqual([]);
    expect((await auditor('GET', `/alerts/${alertId}/timeline/verify`)).json.ok).toBe(true);
    expect((await auditor('POST', `/alerts/${alertId}/acknowledge`, { note: '' })).status).toBe(403);
    const log = await supervisor('GET', '/audit/access-log?limit=50');
    expect(log.json.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ reader: 'aud-1', record: `alert/${alertId}`, what: 'alert-verify' })]),
    );
  });

  it('takes a new version of a rule from an admin, and refuses an unknown event type or a window over 3 years (400)', async () => {
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    const rules = await officer('GET', '/alert-rules');
    const surge = rules.json.items.find((r: { rule: { id: string } }) => r.rule.id === 'complaint-surge');
    expect(surge.version).toBe(1);
    const changed = { ...surge.rule, trigger: { ...surge.rule.trigger, window: { days: 30, count: 3 } } };
    expect((await officer('POST', '/alert-rules', { rule: changed, note: '阈值调整' })).status).toBe(403);
    const saved = await admin('POST', '/alert-rules', { rule: changed, note: '辖区投诉量小，阈值调整为 30 天 3 件' });
    expect(saved.status).toBe(201);
    expect(saved.json.version).toBe(2);
    const unknown = await admin('POST', '/alert-rules', {
      rule: { ...changed, trigger: { ...changed.trigger, events: [{ type: 'Cases.Whatever', where: [] }] } },
      note: 'x',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('unknown event type Cases.Whatever');
    const long = await admin('POST', '/alert-rules', {
      rule: { ...changed, trigger: { ...changed.trigger, window: { days: 1200, count: 3 } } },
      note: 'x',
    });
    expect(long.status).toBe(400);
    expect(long.text).toContain('3 years');
    expect(
      (await officer('GET', '/alert-rules')).json.items.find((r: { rule: { id: string } }) => r.rule.id === 'complaint-surge').version,
    ).toBe(2);
  });

  // Last: it moves the runtime's clock forward (POST /_local/clock), which the tests above must not see.
  it('escalates an alert left alone to the supervisor after one working day, and counts it late in the metrics', async () => {
    expect((await post([riskSignal('9', quiet)])).status).toBe(200);
    const [alert] = await eventually(async () => {
      const items = await alertsAbout(quiet);
      return items.length > 0 ? items : undefined;
    });
    const { alertId, raisedOn } = alert as unknown as { alertId: string; raisedOn: string };
    const due = (await officer('GET', `/alerts/${alertId}`)).json.clock.acknowledgeBy as string;
    // Move to the day after the acknowledgement was due (weekends and holidays between are why it is not always +2).
    const days = Math.round((Date.parse(due) - Date.parse(raisedOn)) / 86_400_000) + 1;
    expect((await fetch(`${platform.url}/_local/clock`, { method: 'POST', body: JSON.stringify({ advanceDays: days }) })).status).toBe(200);
    expect((await fetch(`${platform.url}/_local/schedules/alert-escalation-sweep`, { method: 'POST' })).status).toBeLessThan(300);
    const later = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    const escalated = await eventually(async () => {
      const a = await later('GET', `/alerts/${alertId}`);
      return a.json.escalations.length > 0 ? a.json : undefined;
    });
    expect(escalated.escalations).toEqual([expect.objectContaining({ step: 'acknowledge', level: 1, to: 'supervisor', due })]);
    expect(escalated.clock).toMatchObject({ overdue: true, escalationLevel: 1 });
    expect((await later('GET', '/alerts?overdue=true')).json.items.map((a: { alertId: string }) => a.alertId)).toContain(alertId);
    const metrics = await later('GET', `/alert-metrics?from=2026-01-01&to=2099-12-31`);
    expect(metrics.status).toBe(200);
    expect(metrics.json.byRule).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          // This alert, left alone, and the one disposed of by a case clue above, acknowledged the day it was raised.
          rule: 'external-risk-signal',
          raised: 2,
          acknowledgedOnTime: 1,
          acknowledgedOnTimeRate: 0.5,
          overdueNow: 1,
          escalations: { level1: 1, level2: 0 },
        }),
      ]),
    );
    const ranking = await later('GET', '/risk-ranking');
    expect(ranking.json.items.map((i: { uscc: string }) => i.uscc)).toContain(quiet);
  }, 60_000);
});
