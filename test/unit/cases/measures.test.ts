import fc from 'fast-check';
import { caseFigures } from '#cases/domain/case-metrics';
import { type CaseRecord, openCase, withEvents } from '#cases/domain/case-record';
import { clockEvents, measureDeadlines } from '#cases/domain/clocks';
import { type Found, give as giveWith } from '#cases/domain/commands';
import type { CaseCommand, CaseRole } from '#cases/domain/lifecycle';
import { MEASURE_STEPS, type Measure, type MeasureState, measureDue } from '#cases/domain/measures';
import { officialCalendar, type WorkingCalendar } from '#shared/working-days';

let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});

const PHOTO = { evidenceId: 'ev-1', sha256: 'ab'.repeat(32), size: 1234, contentType: 'image/jpeg' };
const FOUND: Found = { photos: new Map([['ev-1', PHOTO]]) };
const ITEMS = [{ name: '过期预包装食品', quantity: 120, unit: '袋', photos: ['ev-1'] }];

const give = (state: CaseRecord, command: CaseCommand, input: Record<string, unknown>, role: CaseRole, today: string, now?: string) =>
  giveWith(
    state,
    command,
    input as never,
    { id: `${role}-1`, roles: [role] },
    { today, calendar, ...(now ? { now } : {}) },
    undefined,
    FOUND,
  ).state;

/** A case under investigation since 2025-03-20 (registered, investigating). */
function investigating(): CaseRecord {
  const opened = openCase({
    caseId: 'case-1',
    agency: 'SAMR-310000',
    jurisdiction: '310104',
    entity: '91310000MA1K4AXX4R',
    party: { kind: 'organisation', name: '上海示例食品有限公司' },
    source: { kind: 'inspection', ref: 'insp-1' },
    summary: '销售超过保质期的食品',
    clueOn: '2025-03-17',
  }).state;
  return give(give(opened, 'register', {}, 'supervisor', '2025-03-20'), 'investigate', {}, 'case-officer', '2025-03-20');
}

const seize = (state: CaseRecord, on: string, emergency = true, kind = 'seize') =>
  give(
    state,
    kind === 'preserve' ? 'preserve-evidence' : 'take-measure',
    { ...(kind === 'preserve' ? {} : { kind }), items: ITEMS, reason: '涉嫌销售过期食品', emergency },
    'case-officer',
    on,
    `${on}T10:00:00+08:00`,
  );
const only = (state: CaseRecord): Measure => (state.measures ?? [])[0] as Measure;

describe('the periods of coercive measures (vectors of 2025, worked by hand from the State Council holiday notice)', () => {
  it('seizure: 30 days, plus testing time not counted, plus one extension of 30 (行政强制法 §25)', () => {
    let c = seize(investigating(), '2025-04-02');
    // 2 May is inside the Labour Day holiday (1–5 May): the period ends on the next working day.
    expect(measureDue(only(c), [], calendar, '2025-04-02')).toEqual({ due: '2025-05-06', provisional: false, pausedDays: 0 });
    c = give(c, 'start-appraisal', { subject: '食品检验' }, 'case-officer', '2025-04-10');
    c = give(c, 'end-appraisal', { outcome: '不合格' }, 'case-officer', '2025-04-19');
    // 10 days of testing (10–19 April) are not counted: 2 April + 40 days.
    expect(measureDue(only(c), c.appraisals ?? [], calendar, '2025-04-20')?.due).toBe('2025-05-12');
    c = give(
      c,
      'approve-measure',
      { measureId: 'm-1', approved: true, opinion: '同意' },
      'supervisor',
      '2025-04-02',
      '2025-04-02T15:00:00+08:00',
    );
    c = give(c, 'extend-measure', { measureId: 'm-1', days: 30, reason: '情况复杂' }, 'supervisor', '2025-05-06');
    expect(only(c).extension).toEqual({ days: 30, on: '2025-05-06', reason: '情况复杂' });
    expect(measureDue(only(c), c.appraisals ?? [], calendar, '2025-05-06')?.due).toBe('2025-06-11');
  });

  it('evidence preservation: a decision within 7 working days (行政处罚法 §56, §85), across National Day and its make-up Saturday', () => {
    const c = seize(investigating(), '2025-09-26', true, 'preserve');
    // 28 Sep (a Sunday worked), 29, 30 Sep, then 9, 10, 11 (a Saturday worked) and 13 October.
    expect(measureDue(only(c), [], calendar, '2025-09-26')?.due).toBe('2025-10-13');
  });

  it('an emergency measure: approval within 24 hours, otherwise recorded as late (行政强制法 §19)', () => {
    const taken = give(
      investigating(),
      'take-measure',
      { kind: 'seize', items: ITEMS, reason: '现场发现过期食品', emergency: true },
      'case-officer',
      '2025-05-06',
      '2025-05-06T22:00:00+08:00',
    );
    const approve = (at: string) =>
      only(give(taken, 'approve-measure', { measureId: 'm-1', approved: true, opinion: '同意' }, 'supervisor', at.slice(0, 10), at));
    expect(approve('2025-05-07T21:59:00+08:00').approval?.late).toBe(false);
    expect(approve('2025-05-07T22:01:00+08:00').approval?.late).toBe(true);
  });

  it('a refused emergency measure is lifted at once, its things returned; a refused proposal never takes effect', () => {
    const emergency = give(
      seize(investigating(), '2025-05-06'),
      'approve-measure',
      { measureId: 'm-1', approved: false, opinion: '不符合条件' },
      'supervisor',
      '2025-05-06',
    );
    expect(only(emergency)).toMatchObject({ state: 'released', released: { reason: 'approval-refused', disposition: 'returned' } });
    const proposed = give(
      seize(investigating(), '2025-05-06', false),
      'approve-measure',
      { measureId: 'm-1', approved: false, opinion: '不必要' },
      'supervisor',
      '2025-05-07',
    );
    expect(only(proposed).state).toBe('refused');
    expect(only(proposed).startOn).toBeUndefined();
  });

  it('a proposed measure takes effect on the day it is approved, and its 30 days run from then', () => {
    const c = give(
      seize(investigating(), '2025-04-01', false),
      'approve-measure',
      { measureId: 'm-1', approved: true, opinion: '同意' },
      'supervisor',
      '2025-04-02',
    );
    expect(only(c)).toMatchObject({ state: 'in-force', startOn: '2025-04-02' });
    expect(measureDeadlines(c, calendar, '2025-04-02')[0]?.due).toBe('2025-05-06');
  });

  it('refuses a second extension and one over 30 days, citing §25', () => {
    const approved = give(
      seize(investigating(), '2025-04-02'),
      'approve-measure',
      { measureId: 'm-1', approved: true, opinion: '同意' },
      'supervisor',
      '2025-04-02',
    );
    expect(() => give(approved, 'extend-measure', { measureId: 'm-1', days: 31, reason: 'x' }, 'supervisor', '2025-04-20')).toThrow(
      /at most 30 days \(行政强制法 §25\)/,
    );
    const once = give(approved, 'extend-measure', { measureId: 'm-1', days: 20, reason: 'x' }, 'supervisor', '2025-04-20');
    expect(() => give(once, 'extend-measure', { measureId: 'm-1', days: 5, reason: 'y' }, 'supervisor', '2025-04-21')).toThrow(
      /extended once already on 2025-04-20: 行政强制法 §25/,
    );
  });

  it('refuses a photo that was never uploaded (400) and a case step that would leave things held (409)', () => {
    expect(() =>
      give(
        investigating(),
        'take-measure',
        { kind: 'seal', items: [{ ...ITEMS[0], photos: ['ev-404'] }], reason: 'x', emergency: false },
        'case-officer',
        '2025-04-02',
      ),
    ).toThrow(/nothing was uploaded to this case as ev-404/);
    const held = seize(investigating(), '2025-04-02');
    expect(() => give(held, 'terminate', { reason: '不予处罚' }, 'supervisor', '2025-04-03')).toThrow(
      /released before 'terminate' \(行政强制法 §28\)/,
    );
  });

  it('keeps confiscation for a decision that confiscates, and conversion for preserved evidence', () => {
    const held = seize(investigating(), '2025-04-02');
    expect(() =>
      give(
        held,
        'release-measure',
        { measureId: 'm-1', reason: 'decided', disposition: 'confiscated', note: '' },
        'case-officer',
        '2025-04-10',
      ),
    ).toThrow(/only when the decision confiscates/);
    expect(() =>
      give(
        held,
        'release-measure',
        { measureId: 'm-1', reason: 'no-longer-needed', disposition: 'converted', note: '' },
        'case-officer',
        '2025-04-10',
      ),
    ).toThrow(/Only preserved evidence/);
  });
});

describe('the clock sweep over measures', () => {
  it('reports an unapproved emergency measure once after 24 hours, warns before its period ends and records it overdue once', () => {
    const c = seize(investigating(), '2025-04-02');
    const day1 = clockEvents(c, calendar, '2025-04-03', 10, '2025-04-03T11:00:00+08:00');
    expect(day1.map((e) => e.type)).toEqual(['Cases.MeasureApprovalOverdue']);
    const after = withEvents(c, day1);
    expect(clockEvents(after, calendar, '2025-04-04', 10, '2025-04-04T11:00:00+08:00').map((e) => e.type)).toEqual([]);
    const near = clockEvents(after, calendar, '2025-04-28', 10);
    expect(near).toEqual([
      expect.objectContaining({
        type: 'Cases.MeasureDeadlineApproaching',
        data: expect.objectContaining({ measureId: 'm-1', due: '2025-05-06', daysLeft: 8 }),
      }),
    ]);
    const late = withEvents(after, near);
    const passed = clockEvents(late, calendar, '2025-05-07', 10);
    expect(passed.map((e) => [e.type, e.data.due])).toEqual([['Cases.MeasureOverdue', '2025-05-06']]);
    expect(clockEvents(withEvents(late, passed), calendar, '2025-05-08', 10)).toEqual([]);
  });
});

/** The measure lifecycle as a model: which step each state allows, and the checks each step adds. */
interface ModelMeasure {
  state: MeasureState;
  emergency: boolean;
  approved: boolean;
  extended: boolean;
}
type World = { model: ModelMeasure[]; real: { state: CaseRecord } };
const TODAY = '2025-04-02';

class Step implements fc.Command<ModelMeasure[], { state: CaseRecord }> {
  constructor(
    readonly step: 'take' | 'approve' | 'extend' | 'release',
    readonly pick: number,
    readonly flag: boolean,
    readonly days: number,
  ) {}
  check = () => true;
  /** Whether the model allows the step, and the command that tries it on the real case. */
  private plan(m: ModelMeasure | undefined, id: string, real: { state: CaseRecord }): { expected: boolean; attempt: () => CaseRecord } {
    const at = (command: CaseCommand, input: Record<string, unknown>, role: CaseRole) => () =>
      give(real.state, command, input, role, TODAY);
    switch (this.step) {
      case 'take':
        return {
          expected: true,
          attempt: at('take-measure', { kind: 'seize', items: ITEMS, reason: 'r', emergency: this.flag }, 'case-officer'),
        };
      case 'approve':
        return {
          expected: m !== undefined && (MEASURE_STEPS.approve.from as readonly string[]).includes(m.state) && !m.approved,
          attempt: at('approve-measure', { measureId: id, approved: this.flag, opinion: 'o' }, 'supervisor'),
        };
      case 'extend':
        return {
          expected: m?.state === 'in-force' && (m.approved || !m.emergency) && !m.extended && this.days <= 30,
          attempt: at('extend-measure', { measureId: id, days: this.days, reason: 'r' }, 'supervisor'),
        };
      default:
        return {
          expected: m?.state === 'in-force',
          attempt: at('release-measure', { measureId: id, reason: 'no-longer-needed', disposition: 'returned', note: '' }, 'case-officer'),
        };
    }
  }

  /** The model after a step the real case took. */
  private advance(model: ModelMeasure[], m: ModelMeasure | undefined): void {
    if (this.step === 'take') {
      model.push({ state: this.flag ? 'in-force' : 'pending-approval', emergency: this.flag, approved: false, extended: false });
    } else if (m === undefined) {
      return;
    } else if (this.step === 'approve') {
      m.state = this.flag ? 'in-force' : m.state === 'in-force' ? 'released' : 'refused';
      m.approved = true; // decided either way: not approved twice
    } else if (this.step === 'extend') {
      m.extended = true;
    } else {
      m.state = 'released';
    }
  }

  run(model: ModelMeasure[], real: { state: CaseRecord }): void {
    const pick = this.pick % Math.max(1, model.length);
    const m = model[pick];
    const { expected, attempt } = this.plan(m, `m-${pick + 1}`, real);
    let next: CaseRecord | undefined;
    try {
      next = attempt();
    } catch {
      next = undefined;
    }
    expect(next !== undefined).toBe(expected);
    if (next === undefined) return;
    real.state = next;
    this.advance(model, m);
    expect((real.state.measures ?? []).map((x) => x.state)).toEqual(model.map((x) => x.state));
  }
  toString = () => `${this.step}(#${this.pick}, ${this.flag}, ${this.days})`;
}

describe('the measure lifecycle', () => {
  it('agrees with the model on random sequences of steps beside the case lifecycle', () => {
    const step = fc
      .tuple(
        fc.constantFrom('take' as const, 'approve' as const, 'extend' as const, 'release' as const),
        fc.nat(5),
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
      )
      .map(([s, pick, flag, days]) => new Step(s, pick, flag, days));
    fc.assert(
      fc.property(fc.commands([step], { maxCommands: 30 }), (commands) => {
        const world: World = { model: [], real: { state: investigating() } };
        fc.modelRun(() => world, commands);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the supervision figures of decisions', () => {
  it('count a decision on time when made by the decision deadline (90 days from registration, more when extended)', () => {
    const registered = investigating(); // registered 2025-03-20: the decision is due 2025-06-18
    const decided = (caseId: string, on: string, extended = false) =>
      ({ ...registered, caseId, status: 'decided', extended, decision: { on, penalty: { fine: 500 } } }) as unknown as CaseRecord;
    const cases = [decided('in-time', '2025-06-18'), decided('late', '2025-06-19'), decided('extended', '2025-07-10', true)];
    const figures = caseFigures(cases, '2025-01-01', '2025-12-31', { calendar }, '2025-12-31');
    expect(figures.decisions).toMatchObject({ decided: 3, onTime: 2, finesDecided: 1500 });
  });
});
