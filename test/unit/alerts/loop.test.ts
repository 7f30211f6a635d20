import { alertStream } from '#alerts/adapters/table-layout';
import type { AlertState } from '#alerts/domain/alert';
import { acknowledgeAlert, closeAlert, dismissAlert, disposeAlert, reopenAlert, verifyAlert } from '#alerts/domain/alert-commands';
import { receiveFeedback } from '#alerts/domain/feedback';
import { observeEvent } from '#alerts/domain/raise';
import { entityStream, inspectionItemStream, inspectorStream } from '#directory/adapters/table-layout';
import { ForbiddenError, NotFoundError, StateConflictError } from '#shared/errors';
import { agency, alertsWorld, delivered, inspected, uscc } from './support.ts';

const officer = { actor: { id: 'officer-1', role: 'case-officer', agency }, correlationId: 'c' };
const supervisor = { actor: { id: 'sup-1', role: 'supervisor', agency }, correlationId: 'c' };

async function raisedAlert() {
  const world = await alertsWorld('2026-09-14');
  const seed = async (stream: string, state: unknown) =>
    world.store.append({
      stream,
      expectedVersion: 0,
      events: [{ type: 'Seeded', version: 1, data: {} }],
      actor: supervisor.actor,
      agency,
      correlationId: 'seed',
      head: { state },
    });
  await seed(entityStream(agency, uscc), { uscc, region: '440305', name: '示例公司', address: '深圳' });
  for (const [id, conflicts] of [
    ['i-1', [uscc]],
    ['i-2', []],
    ['i-3', []],
    ['i-4', []],
  ] as const) {
    await seed(inspectorStream(agency, id), { id, conflicts });
  }
  await seed(inspectionItemStream('SC-FOOD-001'), { code: 'SC-FOOD-001', name: '食品经营', legalBasis: '食品安全法', checklist: [] });
  world.clock.recent.set(uscc, new Set(['i-3']));
  await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-03-02'));
  const [alertId] = await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-09-14'));
  const head = () => world.store.heads.get(alertStream(alertId as string));
  return { ...world, alertId: alertId as string, head, state: () => head()?.state as AlertState };
}

describe('the closed loop of an alert (闭环处置)', () => {
  it('goes raised → acknowledged → verified → disposed (targeted inspection) → closed by the inspection’s result', async () => {
    const w = await raisedAlert();
    await acknowledgeAlert(w.deps, officer, w.alertId, { note: '已签收' });
    await verifyAlert(w.deps, officer, w.alertId, { finding: '两次不合格属实' });
    const disposed = await disposeAlert(w.deps, officer, w.alertId, {
      kind: 'targeted-inspection',
      inspectors: ['i-2', 'i-4'],
      items: ['SC-FOOD-001'],
      plannedEnd: '2026-09-30',
    });
    expect(disposed.disposed?.disposal).toMatchObject({
      kind: 'targeted-inspection',
      inspectionId: `${w.alertId}~1`,
      inspectors: [
        { id: 'i-2', agency },
        { id: 'i-4', agency },
      ],
      entity: uscc,
    });
    const outcome = await receiveFeedback(w.deps, {
      alertId: w.alertId,
      from: { kind: 'inspection', id: `${w.alertId}~1` },
      outcome: 'non-compliant',
      summary: '仍超范围经营',
      correlationId: 'c',
    });
    expect(outcome).toBe('closed');
    expect(w.state()).toMatchObject({ status: 'closed', feedback: [{ outcome: 'non-compliant' }] });
    expect(w.state().closed?.feedback).toContain('仍超范围经营');
    expect(
      await receiveFeedback(w.deps, {
        alertId: w.alertId,
        from: { kind: 'inspection', id: `${w.alertId}~1` },
        outcome: 'non-compliant',
        summary: '',
        correlationId: 'c',
      }),
    ).toBe('seen');
  });

  it('refuses a step out of order with the steps allowed now (409), and a role the rule does not name (403)', async () => {
    const w = await raisedAlert();
    await expect(verifyAlert(w.deps, officer, w.alertId, { finding: 'x' })).rejects.toMatchObject({
      constructor: StateConflictError,
      extensions: { state: 'raised', allowed: ['acknowledge', 'dismiss'] },
    });
    const legal = { actor: { id: 'lr-1', role: 'legal-reviewer', agency }, correlationId: 'c' };
    await expect(acknowledgeAlert(w.deps, legal, w.alertId, { note: '' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(dismissAlert(w.deps, officer, w.alertId, { reason: '误报' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers 404 for another agency’s alert', async () => {
    const w = await raisedAlert();
    const stranger = { actor: { id: 'o-9', role: 'case-officer', agency: 'SAMR-110105' }, correlationId: 'c' };
    await expect(acknowledgeAlert(w.deps, stranger, w.alertId, { note: '' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a targeted inspection with fewer than two eligible inspectors, naming who is left out and why, writing nothing', async () => {
    const w = await raisedAlert();
    await acknowledgeAlert(w.deps, officer, w.alertId, { note: '' });
    await verifyAlert(w.deps, officer, w.alertId, { finding: '属实' });
    const version = w.head()?.version;
    const refused = disposeAlert(w.deps, officer, w.alertId, {
      kind: 'targeted-inspection',
      inspectors: ['i-1', 'i-2', 'i-3', 'nobody'],
      items: ['SC-FOOD-001'],
      plannedEnd: '2026-09-30',
    });
    await expect(refused).rejects.toMatchObject({
      constructor: StateConflictError,
      extensions: {
        shortfall: {
          needed: 2,
          eligible: 1,
          excluded: [
            { inspector: 'i-1', reason: expect.stringContaining('declared conflict') },
            { inspector: 'i-3', reason: expect.stringContaining('12 months') },
            { inspector: 'nobody', reason: expect.stringContaining('not an inspector') },
          ],
        },
      },
    });
    expect(w.head()?.version).toBe(version);
  });

  it('disposes by a case clue, or by no action, then closes by hand; a supervisor reopens and the clock runs on', async () => {
    const w = await raisedAlert();
    await acknowledgeAlert(w.deps, officer, w.alertId, { note: '' });
    await verifyAlert(w.deps, officer, w.alertId, { finding: '属实' });
    const clue = await disposeAlert(w.deps, officer, w.alertId, { kind: 'case-clue', summary: '涉嫌超范围经营' });
    expect(clue.disposed?.disposal).toEqual({ kind: 'case-clue', caseId: `case-${w.alertId}-1`, entity: uscc, summary: '涉嫌超范围经营' });
    await closeAlert(w.deps, officer, w.alertId, { feedback: '已立案' });
    await expect(reopenAlert(w.deps, officer, w.alertId, { reason: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    const reopened = await reopenAlert(w.deps, supervisor, w.alertId, { reason: '复查发现整改不到位' });
    expect(reopened).toMatchObject({ status: 'raised', cycle: 2, raisedOn: '2026-09-14' });
    expect(reopened.acknowledged).toBeUndefined();
    const types = w.store.events.get(alertStream(w.alertId))?.map((e) => e.type);
    expect(types).toEqual([
      'Alerts.AlertRaised',
      'Alerts.AlertAcknowledged',
      'Alerts.AlertVerified',
      'Alerts.AlertDisposed',
      'Alerts.AlertClosed',
      'Alerts.AlertReopened',
    ]);
  });

  it('dismisses a false positive (supervisor) with its reason; no action needs one too', async () => {
    const w = await raisedAlert();
    const dismissed = await dismissAlert(w.deps, supervisor, w.alertId, { reason: '同一次检查重复上报' });
    expect(dismissed).toMatchObject({ status: 'dismissed', dismissed: { reason: '同一次检查重复上报', by: 'sup-1' } });
  });

  it('a case clue needs an entity behind the alert (409 for a sampling task’s)', async () => {
    const world = await alertsWorld('2026-05-06');
    const [alertId] = await observeEvent(
      world.deps,
      world.rules,
      delivered('Sampling.ResultPublicationOverdue', {
        taskId: 'task-1',
        periodEnd: '2026-03-31',
        dueBy: '2026-04-29',
        provisional: false,
      }),
    );
    const sup = { ...supervisor };
    await acknowledgeAlert(world.deps, sup, alertId as string, { note: '' });
    await verifyAlert(world.deps, sup, alertId as string, { finding: '未公示' });
    await expect(disposeAlert(world.deps, sup, alertId as string, { kind: 'case-clue', summary: 'x' })).rejects.toMatchObject({
      constructor: StateConflictError,
      extensions: { allowed: ['no-action'] },
    });
    expect((await disposeAlert(world.deps, sup, alertId as string, { kind: 'no-action', reason: '已督促公示' })).status).toBe('disposed');
  });
});

describe('every alerts head is the fold of its stream (npm run rebuild-heads -- --check)', () => {
  it('holds for the alert, its watch and a rule version after the whole loop, escalations included', async () => {
    const { alertFolds } = await import('#alerts/domain/stream-folds');
    const { recordRuleVersion } = await import('#alerts/domain/rule-book');
    const { DEFAULT_RULES } = await import('#alerts/domain/rules');
    const w = await raisedAlert();
    w.clock.today = '2026-09-17';
    await acknowledgeAlert(w.deps, officer, w.alertId, { note: '迟签收' });
    await verifyAlert(w.deps, officer, w.alertId, { finding: '属实' });
    await disposeAlert(w.deps, officer, w.alertId, {
      kind: 'targeted-inspection',
      inspectors: ['i-2', 'i-4'],
      items: ['SC-FOOD-001'],
      plannedEnd: '2026-09-30',
    });
    await receiveFeedback(w.deps, {
      alertId: w.alertId,
      from: { kind: 'inspection', id: `${w.alertId}~1` },
      outcome: 'compliant',
      summary: '已整改',
      correlationId: 'c',
    });
    await recordRuleVersion(
      w.deps,
      { actor: { id: 'adm', role: 'admin', agency }, correlationId: 'c' },
      DEFAULT_RULES[0] as (typeof DEFAULT_RULES)[number],
      '确认',
    );
    let checked = 0;
    for (const [stream, head] of w.store.heads) {
      const fold = alertFolds.find((f) => stream.startsWith(f.prefix));
      if (fold === undefined) continue;
      expect(JSON.parse(JSON.stringify(fold.fold(w.store.events.get(stream) ?? [], { agency: head.agency, state: head.state })))).toEqual(
        JSON.parse(JSON.stringify(head.state)),
      );
      checked += 1;
    }
    expect(checked).toBe(3);
    expect(w.state().escalations.map((e) => e.level)).toEqual([1, 2]); // acknowledged two working days late
  });
});
