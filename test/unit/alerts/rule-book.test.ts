import { alertStream, ruleStream } from '#alerts/adapters/table-layout';
import type { AlertState } from '#alerts/domain/alert';
import { riskRanking } from '#alerts/domain/alert-metrics';
import { observeEvent } from '#alerts/domain/raise';
import { agencyRules, recordRuleVersion } from '#alerts/domain/rule-book';
import { DEFAULT_RULES } from '#alerts/domain/rules';
import { classStream } from '#credit/adapters/table-layout';
import { RuleViolationError } from '#shared/errors';
import { agency, alertsWorld, inspected, other, reported, uscc } from './support.ts';

const admin = { actor: { id: 'adm-1', role: 'admin', agency }, correlationId: 'c' };
const surge = DEFAULT_RULES.find((r) => r.id === 'complaint-surge') as (typeof DEFAULT_RULES)[number];
const complaint = (day: string) =>
  reported('External.Complaint', { complaintNumber: `n-${day}`, receivedOn: day, kind: 'complaint', category: '食品安全', summary: '' });

describe('rules as versioned configuration', () => {
  it('records an agency’s new version as an event; alerts raised after it cite it, the defaults stay version 1 elsewhere', async () => {
    const world = await alertsWorld('2026-05-10');
    const saved = await recordRuleVersion(
      world.deps,
      admin,
      { ...surge, trigger: { ...surge.trigger, window: { days: 30, count: 2 } } },
      '辖区投诉量小',
    );
    expect(saved.version).toBe(2);
    expect(
      world.store.events.get(ruleStream(agency, 'complaint-surge'))?.map((e) => [e.type, (e.data as { version: number }).version]),
    ).toEqual([['Alerts.RuleVersioned', 2]]);
    const rules = await agencyRules(world.deps, agency);
    expect(rules.find((r) => r.rule.id === 'complaint-surge')).toEqual(saved);
    expect((await agencyRules(world.deps, 'SAMR-OTHER')).find((r) => r.rule.id === 'complaint-surge')?.version).toBe(1);
    const raised = [
      ...(await observeEvent(world.deps, world.rules, complaint('2026-05-01'))),
      ...(await observeEvent(world.deps, world.rules, complaint('2026-05-09'))),
    ];
    expect(raised).toHaveLength(1);
    expect((world.store.heads.get(alertStream(raised[0] as string))?.state as AlertState | undefined)?.rule).toMatchObject({
      id: 'complaint-surge',
      version: 2,
      window: { days: 30, count: 2 },
    });
  });

  it('refuses a version that watches an unknown event type, writing nothing', async () => {
    const world = await alertsWorld();
    const bad = { ...surge, trigger: { ...surge.trigger, events: [{ type: 'External.Nonsense', where: [] }] } };
    await expect(recordRuleVersion(world.deps, admin, bad, 'x')).rejects.toBeInstanceOf(RuleViolationError);
    expect(world.store.heads.has(ruleStream(agency, 'complaint-surge'))).toBe(false);
  });

  it('a rule switched off raises nothing', async () => {
    const world = await alertsWorld('2026-06-01');
    const repeat = DEFAULT_RULES[0] as (typeof DEFAULT_RULES)[number];
    await recordRuleVersion(world.deps, admin, { ...repeat, enabled: false }, '暂停');
    expect([
      ...(await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-05-01'))),
      ...(await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-06-01'))),
    ]).toEqual([]);
  });
});

describe('risk ranking for targeted work', () => {
  it('ranks the entities behind open alerts by severity, then class and history, listing each feature', async () => {
    const world = await alertsWorld('2026-06-01');
    const signal = (subject: string) =>
      reported('External.RiskSignal', { signal: 'TAX', severity: 'high', description: '欠税', observedOn: '2026-06-01' }, subject);
    await observeEvent(world.deps, world.rules, signal(uscc));
    await observeEvent(world.deps, world.rules, signal(other));
    await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-05-01', other));
    await observeEvent(world.deps, world.rules, inspected('non-compliant', '2026-06-01', other));
    await world.store.append({
      stream: classStream(agency, uscc),
      expectedVersion: 0,
      events: [{ type: 'Credit.ClassChanged', version: 1, data: {} }],
      actor: admin.actor,
      agency,
      correlationId: 'c',
      head: { state: { class: 'D' } },
    });
    const ranking = await riskRanking(world.deps, { id: 'sup-1', role: 'supervisor', agency }, { limit: 10 });
    expect(ranking.items.map((i) => [i.uscc, i.score])).toEqual([
      [other, 10 * (2 + 3) + 5 * 1 + 2 * 2],
      [uscc, 10 * 2 + 5 * 3 + 2 * 1],
    ]);
    expect(ranking.items[1]?.features).toMatchObject({
      openAlerts: 1,
      severity: 2,
      highestSeverity: 'medium',
      creditClass: 'D',
      alertsLast365Days: 1,
    });
  });
});
