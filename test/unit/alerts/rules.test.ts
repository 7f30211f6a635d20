import { alertStream } from '#alerts/adapters/table-layout';
import type { AlertState } from '#alerts/domain/alert';
import { addressKey } from '#alerts/domain/facts';
import { observeEvent } from '#alerts/domain/raise';
import { DEFAULT_RULES, validateRule } from '#alerts/domain/rules';
import { RuleViolationError } from '#shared/errors';
import { agency, alertsWorld, delivered, inspected, other, reported, uscc } from './support.ts';

type World = Awaited<ReturnType<typeof alertsWorld>>;
const run = async (world: World, ...events: ReturnType<typeof delivered>[]) => {
  const raised: string[] = [];
  for (const e of events) raised.push(...(await observeEvent(world.deps, world.rules, e)));
  return raised;
};
const alertOf = (world: World, id: string) => world.store.heads.get(alertStream(id))?.state as AlertState;

describe('rule repeat-non-compliance (two non-compliant inspections of one entity within 365 days)', () => {
  it('raises on the second, counting another department’s inspection like the platform’s own', async () => {
    const world = await alertsWorld('2026-09-14');
    expect(await run(world, inspected('non-compliant', '2026-03-02'))).toEqual([]);
    const raised = await run(
      world,
      reported('External.InspectionResult', {
        inspectionNumber: 'SW-1',
        inspectedOn: '2026-09-14',
        result: 'non-compliant',
        items: [],
        summary: '',
      }),
    );
    expect(raised).toHaveLength(1);
    const alert = alertOf(world, raised[0] as string);
    expect(alert).toMatchObject({
      status: 'raised',
      subject: { kind: 'entity', id: uscc },
      rule: { id: 'repeat-non-compliance', version: 1 },
    });
    expect(alert.facts.map((f) => f.on)).toEqual(['2026-03-02', '2026-09-14']);
  });

  it('counts a window across the year end (30 Dec to 29 Dec: 364 days), not one day past 365', async () => {
    const within = await alertsWorld('2026-12-29');
    expect(await run(within, inspected('non-compliant', '2025-12-30'), inspected('non-compliant', '2026-12-29'))).toHaveLength(1);
    const beyond = await alertsWorld('2026-12-31');
    expect(await run(beyond, inspected('non-compliant', '2025-12-30'), inspected('non-compliant', '2026-12-31'))).toEqual([]);
  });

  it('leaves compliant inspections and other entities out', async () => {
    const world = await alertsWorld('2026-06-01');
    expect(
      await run(
        world,
        inspected('non-compliant', '2026-05-01'),
        inspected('compliant', '2026-05-20'),
        inspected('non-compliant', '2026-06-01', other),
      ),
    ).toEqual([]);
  });
});

describe('rule credit-high-risk (class falls to D, or a serious listing)', () => {
  const changed = (to: string) =>
    delivered('Credit.ClassChanged', {
      agency,
      uscc,
      from: 'C',
      to,
      score: 500,
      asOf: '2026-05-06',
      rules: ['credit-v1'],
      cause: { kind: 'monthly' },
    });
  const listed = (list: string) =>
    delivered('Credit.EntityListed', { listingId: 'l-1', uscc, list, cause: 'x', on: '2026-05-06', basis: 'SAMR Order 44' });

  it('raises when the class becomes D and not for C', async () => {
    const world = await alertsWorld();
    expect(await run(world, changed('C'))).toEqual([]);
    expect(await run(world, changed('D'))).toHaveLength(1);
  });

  it('raises on a serious listing, not on an abnormal-operations one; one open alert for both causes', async () => {
    const world = await alertsWorld();
    expect(await run(world, listed('abnormal'))).toEqual([]);
    expect(await run(world, listed('serious'))).toHaveLength(1);
    expect(await run(world, changed('D'))).toEqual([]);
  });
});

describe('rules on clocks the platform already has', () => {
  it('case-decision-deadline: near or passed, on the case; a passed deadline adds to the open alert', async () => {
    const world = await alertsWorld();
    const near = delivered(
      'Cases.DeadlineApproaching',
      { deadline: 'decision', due: '2026-05-16', daysLeft: 10, provisional: false },
      { stream: 'case/c-1', seq: 5 },
    );
    const payment = delivered(
      'Cases.DeadlineApproaching',
      { deadline: 'payment', due: '2026-05-16', daysLeft: 10, provisional: false },
      { stream: 'case/c-2', seq: 5 },
    );
    const passed = delivered(
      'Cases.DeadlinePassed',
      { deadline: 'decision', due: '2026-05-16', provisional: false },
      { stream: 'case/c-1', seq: 6 },
    );
    const raised = await run(world, near, payment, passed);
    expect(raised).toHaveLength(1);
    expect(alertOf(world, raised[0] as string).subject).toEqual({ kind: 'case', id: 'c-1' });
  });

  it('publication-overdue: on the sampling task', async () => {
    const world = await alertsWorld();
    const raised = await run(
      world,
      delivered('Sampling.ResultPublicationOverdue', {
        taskId: 'task-1',
        periodEnd: '2026-03-31',
        dueBy: '2026-04-29',
        provisional: false,
      }),
    );
    expect(alertOf(world, raised[0] as string).subject).toEqual({ kind: 'task', id: 'task-1' });
  });

  it('fine-unpaid: on the case whose fine is overdue', async () => {
    const world = await alertsWorld();
    const raised = await run(
      world,
      delivered('Cases.PaymentOverdue', { due: '2026-05-01', fine: 5000, provisional: false }, { stream: 'case/c-9', seq: 12 }),
    );
    expect(alertOf(world, raised[0] as string)).toMatchObject({ subject: { kind: 'case', id: 'c-9' }, rule: { id: 'fine-unpaid' } });
  });

  it('measure-overdue: on the case whose seizure outlived its period, or whose emergency measure was never approved', async () => {
    const world = await alertsWorld();
    const raised = await run(
      world,
      delivered(
        'Cases.MeasureOverdue',
        { measureId: 'm-1', kind: 'seize', due: '2026-06-03', provisional: false },
        { stream: 'case/c-7', seq: 9 },
      ),
    );
    expect(alertOf(world, raised[0] as string)).toMatchObject({ subject: { kind: 'case', id: 'c-7' }, rule: { id: 'measure-overdue' } });
    const approval = await run(
      world,
      delivered('Cases.MeasureApprovalOverdue', { measureId: 'm-2', dueAt: '2026-05-05T02:15:00Z' }, { stream: 'case/c-8', seq: 4 }),
    );
    expect(alertOf(world, approval[0] as string)).toMatchObject({ subject: { kind: 'case', id: 'c-8' }, rule: { id: 'measure-overdue' } });
  });

  it('external-risk-signal: on the entity an enforcement system names; a signal about a case is not an entity’s', async () => {
    const world = await alertsWorld();
    const signal = { signal: 'TAX-ARREARS', severity: 'high', description: '欠税', observedOn: '2026-05-01' };
    expect(await run(world, reported('External.RiskSignal', signal))).toHaveLength(1);
    expect(await run(world, reported('External.RiskSignal', signal, 'case-77'))).toEqual([]);
  });
});

describe('rules over counts in a window', () => {
  const complaint = (day: string) =>
    reported('External.Complaint', { complaintNumber: `n-${day}`, receivedOn: day, kind: 'complaint', category: '食品安全', summary: '' });

  it('complaint-surge: 5 complaints within 30 days raise, 4 do not, 5 spread over 31 days do not', async () => {
    const four = await alertsWorld('2026-05-30');
    expect(await run(four, ...['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-30'].map(complaint))).toEqual([]);
    const five = await alertsWorld('2026-05-31');
    expect(await run(five, ...['2026-05-01', '2026-05-08', '2026-05-15', '2026-05-30', '2026-05-31'].map(complaint))).toHaveLength(1);
    const spread = await alertsWorld('2026-06-02');
    expect(await run(spread, ...['2026-05-01', '2026-05-09', '2026-05-16', '2026-05-30', '2026-06-01'].map(complaint))).toEqual([]);
  });

  it('complaint-surge: a window across the new year (and the holiday) counts like any other', async () => {
    const world = await alertsWorld('2027-01-05');
    expect(await run(world, ...['2026-12-20', '2026-12-28', '2027-01-01', '2027-01-03', '2027-01-05'].map(complaint))).toHaveLength(1);
  });

  it('abnormal-registration: 5 entities at one address (written differently) within 30 days raise, on the address', async () => {
    const world = await alertsWorld('2026-05-20');
    const spellings = [
      '深圳市南山区科技园1号',
      '深圳市南山区 科技园1号',
      '深圳市南山区科技园１号',
      '深圳市南山区科技园1号。',
      '深圳市南山区科技园1号',
    ];
    const registered = spellings.map((address, i) =>
      delivered(
        'Directory.EntityRegistered',
        { uscc: `9144030071526726${i}X`, name: `公司${i}`, industry: 'F52', region: '440305', address, flags: [] },
        { at: `2026-05-${10 + i}T02:00:00.000Z` },
      ),
    );
    const raised = await run(world, ...registered);
    expect(raised).toHaveLength(1);
    expect(alertOf(world, raised[0] as string)).toMatchObject({
      subject: { kind: 'address', id: addressKey('深圳市南山区科技园1号') },
      region: '440305',
    });
    expect(addressKey('深圳市南山区科技园2号')).not.toBe(addressKey('深圳市南山区科技园1号'));
  });

  it('abnormal-registration: an agency’s bulk import of its existing directory is not registration', async () => {
    const world = await alertsWorld('2026-05-20');
    const imported = [0, 1, 2, 3, 4, 5].map((i) => ({
      ...delivered('Directory.EntityRegistered', {
        uscc: `9144030071526726${i}X`,
        name: `公司${i}`,
        industry: 'F52',
        region: '440305',
        address: '深圳市南山区科技园1号',
        flags: [],
      }),
      actor: { id: 'entity-import' },
    }));
    expect(await run(world, ...imported)).toEqual([]);
  });
});

describe('a rule version is checked against what the engine can watch (400)', () => {
  const base = DEFAULT_RULES[0] as (typeof DEFAULT_RULES)[number];
  it('refuses an unknown event type, naming the ones it can watch', () => {
    const rule = { ...base, trigger: { ...base.trigger, events: [{ type: 'Cases.Nonsense', where: [] }] } };
    expect(() => validateRule(rule)).toThrow(/unknown event type Cases.Nonsense; the rules can watch .*Inspections.InspectionCompleted/);
  });
  it('refuses a window over 3 years', () => {
    expect(() => validateRule({ ...base, trigger: { ...base.trigger, window: { days: 1097, count: 2 } } })).toThrow(RuleViolationError);
    expect(() => validateRule({ ...base, trigger: { ...base.trigger, window: { days: 1096, count: 2 } } })).not.toThrow();
  });
  it('refuses a condition on a field the type lacks, and a subject the type is not about', () => {
    expect(() =>
      validateRule({
        ...base,
        trigger: { ...base.trigger, events: [{ type: 'Inspections.InspectionCompleted', where: [{ field: 'colour', in: ['x'] }] }] },
      }),
    ).toThrow(/no field colour/);
    expect(() => validateRule({ ...base, trigger: { ...base.trigger, subject: 'case' } })).toThrow(/not about a case/);
  });
  it('accepts every default rule', () => {
    for (const rule of DEFAULT_RULES) expect(() => validateRule(rule)).not.toThrow();
  });
});

describe('a targeted inspection’s result', () => {
  it('is its alert’s feedback, not a new fact for the rules', async () => {
    const world = await alertsWorld('2026-06-01');
    const targeted = { ...inspected('non-compliant', '2026-06-01'), stream: 'inspection/alert-0123456789abcdef0123~1' };
    expect(await run(world, inspected('non-compliant', '2026-05-01'), targeted)).toEqual([]);
  });
});
