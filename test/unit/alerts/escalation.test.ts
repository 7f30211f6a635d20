import { alertStream } from '#alerts/adapters/table-layout';
import type { AlertState } from '#alerts/domain/alert';
import { currentDeadline } from '#alerts/domain/alert-clock';
import { acknowledgeAlert } from '#alerts/domain/alert-commands';
import { alertMetrics } from '#alerts/domain/alert-metrics';
import { sweepEscalations } from '#alerts/domain/escalation-sweep';
import { observeEvent } from '#alerts/domain/raise';
import { agency, alertsWorld, delivered } from './support.ts';

const signal = () =>
  delivered('External.RiskSignal', {
    system: 'tax-1',
    source: 'urn:x',
    id: `s-${Math.random()}`,
    time: '2026-09-30T02:00:00Z',
    subject: '9144030071526726XG',
    data: { signal: 'TAX', severity: 'high', description: '欠税', observedOn: '2026-09-30' },
  });

async function raisedOn(day: string) {
  const world = await alertsWorld(day);
  const [alertId] = await observeEvent(world.deps, world.rules, signal());
  const state = () => world.store.heads.get(alertStream(alertId as string))?.state as AlertState;
  const escalations = () =>
    (world.store.events.get(alertStream(alertId as string)) ?? []).filter((e) => e.type === 'Alerts.Escalated').map((e) => e.data);
  const sweep = async (d: string) => {
    world.clock.today = d;
    return (await sweepEscalations(world.deps)).escalated;
  };
  return { ...world, alertId: alertId as string, state, escalations, sweep };
}

describe('escalation (督办) on the Chinese working-day calendar', () => {
  it('across the 2026 National Day holiday: raised 30 Sep, acknowledgement due 8 Oct, level 1 on 9 Oct, level 2 on Saturday 10 Oct (an adjusted working day), each once', async () => {
    const w = await raisedOn('2026-09-30');
    expect(currentDeadline(w.state(), w.deps.calendar)).toMatchObject({ step: 'acknowledge', due: '2026-10-08', level2Due: '2026-10-09' });
    expect(await w.sweep('2026-10-01')).toBe(0);
    expect(await w.sweep('2026-10-08')).toBe(0);
    expect(await w.sweep('2026-10-09')).toBe(1);
    expect(await w.sweep('2026-10-09')).toBe(0);
    expect(await w.sweep('2026-10-10')).toBe(1);
    expect(await w.sweep('2026-10-12')).toBe(0);
    expect(w.escalations()).toEqual([
      { step: 'acknowledge', level: 1, to: 'supervisor', due: '2026-10-08', provisional: false, on: '2026-10-09' },
      { step: 'acknowledge', level: 2, to: 'admin', due: '2026-10-09', provisional: false, on: '2026-10-10' },
    ]);
  });

  it('raised on Saturday 19 Sep: due Sunday 20 Sep, which is a working day (调休)', async () => {
    const w = await raisedOn('2026-09-19');
    expect(currentDeadline(w.state(), w.deps.calendar)?.due).toBe('2026-09-20');
  });

  it('a late step records the escalation due before it (the on-event check), and the sweep does not repeat it', async () => {
    const w = await raisedOn('2026-09-30');
    w.clock.today = '2026-10-09';
    await acknowledgeAlert(w.deps, { actor: { id: 'o-1', role: 'case-officer', agency }, correlationId: 'c' }, w.alertId, {
      note: '节后签收',
    });
    expect(w.escalations()).toHaveLength(1);
    expect(await w.sweep('2026-10-09')).toBe(0);
    // The next step (verify, 5 working days from 9 Oct, Saturday 10 Oct among them) has its own clock: due 15 Oct.
    expect(currentDeadline(w.state(), w.deps.calendar)).toMatchObject({ step: 'verify', due: '2026-10-15' });
  });

  it('shows in the metrics as acknowledged late, with the escalation and the time it took', async () => {
    const w = await raisedOn('2026-09-30');
    await w.sweep('2026-10-09');
    w.clock.today = '2026-10-12';
    await acknowledgeAlert(w.deps, { actor: { id: 'o-1', role: 'case-officer', agency }, correlationId: 'c' }, w.alertId, { note: '' });
    const reader = { id: 'sup-1', role: 'supervisor', agency };
    const metrics = await alertMetrics(w.deps, reader, { from: '2026-09-01', to: '2026-09-30' });
    expect(metrics.total).toMatchObject({
      raised: 1,
      acknowledged: 1,
      acknowledgedOnTime: 0,
      acknowledgedOnTimeRate: 0,
      escalations: { level1: 1, level2: 1 },
      medianHoursToAcknowledge: 12 * 24,
    });
    expect(metrics.byRule).toEqual([expect.objectContaining({ rule: 'external-risk-signal', raised: 1 })]);
  });
});
