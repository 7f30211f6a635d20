import fc from 'fast-check';
import { type CaseEvent, type CaseRecord, foldCase, openCase, withEvents } from '#cases/domain/case-record';
import { clockEvents as clockEventsOn, caseDeadlines as deadlinesOn } from '#cases/domain/clocks';
import { type CaseRules, decideOnTheSpot, give as giveWith } from '#cases/domain/commands';
import { noticeOf, publish, publishes, withdraw } from '#cases/domain/decision-publicity';
import { CASE_COMMANDS, type CaseCommand, type CaseRole, STEPS } from '#cases/domain/lifecycle';
import { caseSettings } from '#cases/settings';
import type { NewEvent } from '#records/domain/recorded-event';
import { officialCalendar, type WorkingCalendar } from '#shared/working-days';

let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});
/** A command given as the HTTP route gives it, with bodies the route's schema would have checked (a promise, so that a refusal is a rejection). */
const give = async (
  state: CaseRecord,
  command: CaseCommand,
  input: Record<string, unknown>,
  roles: CaseRole[],
  today: string,
  rules?: CaseRules,
) => giveWith(state, command, input as never, { id: String(input.by ?? ''), roles }, { today, calendar }, rules);
const caseDeadlines = (state: CaseRecord) => deadlinesOn(state, calendar);
const clockEvents = (state: CaseRecord, today: string, warnDays: number) => clockEventsOn(state, calendar, today, warnDays);

const WHERE = { agency: 'SAMR-310000', jurisdiction: '310104' };
const opened = (party: CaseRecord['party'] = { kind: 'organisation', name: '上海示例食品有限公司' }) =>
  openCase({
    caseId: 'case-1',
    ...WHERE,
    entity: '91310000MA1K4AXX4R',
    party,
    source: { kind: 'complaint', ref: '' },
    summary: '投诉人张三（身份证110101199003071234，电话13812345678）反映销售过期食品',
    clueOn: '2025-03-03',
  });
const fine = (amount: number, types: ('fine' | 'warning' | 'suspension')[] = ['fine']) => ({
  types,
  fine: amount,
  violationCode: 'FOOD-35',
  level: 'normal' as const,
});

/** The body each command needs in these tests (what the HTTP schemas would have checked). */
const BODY: Partial<Record<CaseCommand, Record<string, unknown>>> = {
  notify: { proposed: fine(20_000) },
  'hold-hearing': { from: '2025-03-07', to: '2025-03-07', summary: '听证' },
  review: { approved: true, opinion: '同意' },
  'record-payment': { amount: 20_000 },
  'start-appraisal': { subject: '检验' },
  decline: { reason: 'r' },
  terminate: { reason: 'r' },
  transfer: { to: '公安机关', reason: 'r' },
  revoke: { reason: '复议撤销' },
  extend: { reason: '复杂' },
  'flag-complex': { reason: '案情复杂' },
};

async function walk(commands: CaseCommand[], day = '2025-03-10') {
  let { state, events } = opened();
  const all: CaseEvent[] = events.map((e) => ({ ...e, actor: { id: 'officer-1' } }));
  for (const command of commands) {
    const role = STEPS[command].roles[0] as CaseRole;
    const given = await give(state, command, { ...BODY[command], by: 'u-1' }, [role], day);
    state = given.state;
    all.push(...given.events.map((e) => ({ ...e, actor: { id: 'u-1' } })));
  }
  return { state, all };
}

describe('a case is the fold of its events', () => {
  it('folds to the same state as the commands that recorded them, on random legal walks', async () => {
    const step = fc.nat(30);
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (picks) => {
        let { state } = opened();
        const commands: CaseCommand[] = [];
        for (const pick of picks) {
          const allowed = CASE_COMMANDS.filter((c) => STEPS[c].from.includes(state.status));
          if (allowed.length === 0) break;
          const command = allowed[pick % allowed.length] as CaseCommand;
          try {
            state = (await walk([...commands, command])).state;
            commands.push(command);
          } catch {
            // a rule around the step refused it (e.g. §58 review, a second extension): the walk goes on without it
          }
        }
        const { state: final, all } = await walk(commands);
        expect(foldCase(all, WHERE)).toEqual(final);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the state at any earlier point from a prefix of the events (GET /cases/{id}?asOf=)', async () => {
    const { all } = await walk(['register', 'investigate', 'notify']);
    expect(foldCase(all.slice(0, 1), WHERE)?.status).toBe('clue');
    expect(foldCase(all.slice(0, 2), WHERE)?.status).toBe('registered');
    expect(foldCase(all.slice(0, 4), WHERE)).toMatchObject({ status: 'notified', proposed: fine(20_000) });
    expect(foldCase([], WHERE)).toBeUndefined();
  });

  it('builds the simple procedure’s decided and served case by the same fold', () => {
    const { state, events } = decideOnTheSpot({ ...opened().state, penalty: fine(150) }, '2025-03-03');
    expect(foldCase(events, WHERE)).toEqual(state);
    expect(state).toMatchObject({ status: 'decided', servedOn: '2025-03-03' });
  });
});

describe('hearings', () => {
  it('records a hearing once held: not one that ends in the future or before it starts', async () => {
    const { state } = await walk(['register', 'investigate', 'notify', 'request-hearing'], '2025-03-10');
    const hold = (from: string, to: string) => give(state, 'hold-hearing', { from, to, summary: 's' }, ['case-officer'], '2025-03-12');
    await expect(hold('2025-03-13', '2025-03-13')).rejects.toThrow('after today');
    await expect(hold('2025-03-12', '2025-03-11')).rejects.toThrow('on or after the day it starts');
    expect((await hold('2025-03-11', '2025-03-12')).state.hearing).toEqual({
      requestedOn: '2025-03-10',
      from: '2025-03-11',
      to: '2025-03-12',
    });
  });
});

describe('expert appraisal (鉴定) stops the decision clock', () => {
  it('adds the appraisal days to the decision deadline and refuses a decision while one is under way', async () => {
    const { state: registered } = await walk(['register', 'investigate'], '2025-03-10');
    const before = (await caseDeadlines(registered)).find((d) => d.name === 'decision')?.due;
    const started = await give(registered, 'start-appraisal', { subject: '检验' }, ['case-officer'], '2025-03-20');
    await expect(give(started.state, 'start-appraisal', { subject: 'x' }, ['case-officer'], '2025-03-21')).rejects.toThrow(
      'under way already',
    );
    const notified = await give(started.state, 'notify', { proposed: fine(20_000) }, ['case-officer'], '2025-03-22');
    await expect(give(notified.state, 'decide', {}, ['supervisor'], '2025-03-25')).rejects.toThrow('record its end before the decision');
    const ended = await give(notified.state, 'end-appraisal', { outcome: '不合格' }, ['case-officer'], '2025-03-29');
    // 90 days from 2025-03-10 end on Sunday 2025-06-08, so on Monday 06-09; 2025-03-20 … 03-29 inclusive are 10 days
    // not counted: 06-18, a Wednesday.
    expect(before).toBe('2025-06-09');
    expect((await caseDeadlines(ended.state)).find((d) => d.name === 'decision')?.due).toBe('2025-06-18');
    await expect(give(ended.state, 'end-appraisal', {}, ['case-officer'], '2025-03-30')).rejects.toThrow('No expert appraisal');
  });
});

describe('the clock sweep', () => {
  it('warns once when the decision deadline is near, again when it passes, never twice for the same', async () => {
    const { state } = await walk(['register', 'investigate'], '2025-03-10');
    expect(await clockEvents(state, '2025-05-20', 10)).toEqual([]);
    const near = await clockEvents(state, '2025-05-30', 10);
    expect(near).toEqual([
      {
        type: 'Cases.DeadlineApproaching',
        version: 1,
        data: { deadline: 'decision', due: '2025-06-09', daysLeft: 10, provisional: false },
      },
    ]);
    const warned = withEvents(state, near);
    expect(await clockEvents(warned, '2025-06-01', 10)).toEqual([]);
    expect(await clockEvents(warned, '2025-06-09', 10)).toEqual([]); // the last day itself is still in time
    const passed = await clockEvents(warned, '2025-06-10', 10);
    expect(passed.map((e: NewEvent) => e.type)).toEqual(['Cases.DeadlinePassed']);
    expect(await clockEvents(withEvents(warned, passed), '2025-06-11', 10)).toEqual([]);
  });

  it('watches registration while a clue, and nothing once the case is decided without a fine', async () => {
    const { state } = opened();
    // 15 working days from 2025-03-03: 2025-03-24.
    expect((await clockEvents(state, '2025-03-25', 10)).map((e) => e.data)).toEqual([
      { deadline: 'registration', due: '2025-03-24', provisional: false },
    ]);
    const warning = decideOnTheSpot({ ...state, penalty: { ...fine(0, ['warning']), fine: undefined } as never }, '2025-03-03');
    expect(await clockEvents(warning.state, '2025-09-01', 10)).toEqual([]);
  });
});

describe('a fine unpaid after its due date', () => {
  it('is Cases.PaymentOverdue beside the passed payment deadline, once (15 days after service, 行政处罚法 §67)', async () => {
    const { state } = opened();
    const served = {
      ...state,
      status: 'decided' as const,
      decision: { on: '2025-05-06', penalty: fine(20_000), reason: 'x', major: [] },
      servedOn: '2025-05-08',
    };
    const overdue = await clockEvents(served, '2025-05-26', 10);
    expect(overdue.map((e) => [e.type, e.data])).toEqual([
      ['Cases.DeadlinePassed', { deadline: 'payment', due: '2025-05-23', provisional: false }],
      ['Cases.PaymentOverdue', { due: '2025-05-23', fine: 20_000, provisional: false }],
    ]);
    expect(await clockEvents(withEvents(served, overdue), '2025-05-27', 10)).toEqual([]);
    const paid = { ...served, status: 'executed' as const, paid: { on: '2025-05-20', amount: 20_000 } };
    expect(await clockEvents(paid, '2025-05-26', 10)).toEqual([]);
  });
});

describe('publication of decisions (一公开)', () => {
  const decided = async (party: CaseRecord['party'], penalty: ReturnType<typeof fine>) => {
    const { state } = opened(party);
    const reviewed = { ...state, status: 'legal-review' as const, proposed: penalty, review: { approved: true, opinion: 'ok', by: 'r' } };
    return (await give(reviewed, 'decide', { penalty, reason: 'x' }, ['supervisor'], '2025-05-06')).state;
  };

  it('masks ID and phone numbers and a natural person’s name', async () => {
    const c = await decided({ kind: 'person', name: '张三' }, fine(5_000));
    const notice = noticeOf(c);
    expect(notice.party).toBe('张*');
    // The party is named in the summary too: masked there as well.
    expect(notice.summary).toBe('投诉人张*（身份证110101********1234，电话138****5678）反映销售过期食品');
    expect(JSON.stringify(notice)).not.toMatch(/张三|19900307|12345678/);
  });

  it('keeps a small fine up 3 months and anything heavier 3 years; a warning alone is not published', async () => {
    expect(publish(await decided({ kind: 'organisation', name: 'A' }, fine(10_000)), '2025-11-30').state).toMatchObject({
      period: '3 months',
      takedownOn: '2026-02-28',
    });
    expect(publish(await decided({ kind: 'organisation', name: 'A' }, fine(10_001)), '2025-05-06').state).toMatchObject({
      period: '3 years',
      takedownOn: '2028-05-06',
    });
    expect(publish(await decided({ kind: 'organisation', name: 'A' }, fine(500, ['fine', 'suspension'])), '2025-05-06').state.period).toBe(
      '3 years',
    );
    const warningOnly = { ...(await decided({ kind: 'organisation', name: 'A' }, fine(0))) };
    warningOnly.decision = { ...(warningOnly.decision as NonNullable<CaseRecord['decision']>), penalty: { ...fine(0, ['warning']) } };
    expect(publishes(warningOnly)).toBe(false);
  });

  it('withdraws a publication with its reason', async () => {
    const live = publish(await decided({ kind: 'organisation', name: 'A' }, fine(20_000)), '2025-05-06').state;
    expect(withdraw(live, '2025-06-01', 'revoked').state).toMatchObject({ status: 'withdrawn', endedOn: '2025-06-01' });
  });
});

describe('the cases settings', () => {
  it('has the defaults of DESIGN §6 and takes each from its variable, validated', () => {
    const defaults = caseSettings({});
    expect(defaults).toMatchObject({ warnDays: 10, publicity: { smallFineMax: 10_000 }, majorRule: { fineAbove: { person: 10_000 } } });
    const set = caseSettings({
      CASE_WARN_DAYS: '7',
      CASE_SMALL_FINE_MAX: '20000',
      CASE_MAJOR_PENALTY_TYPES: '["licence-revocation"]',
      CASE_DISCRETION_TABLE: JSON.stringify({
        'AD-1': { lighter: { min: 0, max: 1 }, normal: { min: 1, max: 2 }, heavier: { min: 2, max: 3 } },
      }),
    });
    expect(set).toMatchObject({ warnDays: 7, publicity: { smallFineMax: 20_000 }, majorRule: { types: ['licence-revocation'] } });
    expect(Object.keys(set.discretion)).toEqual(['AD-1']);
    expect(() => caseSettings({ CASE_SMALL_FINE_MAX: 'lots' })).toThrow('CASE_SMALL_FINE_MAX');
    expect(() => caseSettings({ CASE_WARN_DAYS: '-1' })).toThrow('CASE_WARN_DAYS');
    expect(() => caseSettings({ CASE_MAJOR_PENALTY_TYPES: '["jail"]' })).toThrow('CASE_MAJOR_PENALTY_TYPES');
    expect(() => caseSettings({ CASE_DISCRETION_TABLE: '{' })).toThrow('CASE_DISCRETION_TABLE must be JSON');
  });

  it('makes a case major by the configured rule, and a supervisor’s complex flag', async () => {
    const { state } = await walk(['register', 'investigate', 'notify']);
    const rules = { discretion: caseSettings({}).discretion, majorRule: { types: [], fineAbove: { person: 0, organisation: 1_000 } } };
    await expect(give(state, 'decide', {}, ['supervisor'], '2025-03-11', rules)).rejects.toThrow('fine over ¥1,000');
    const flagged = await give(state, 'flag-complex', { reason: '复杂' }, ['supervisor'], '2025-03-11');
    await expect(give(flagged.state, 'decide', {}, ['supervisor'], '2025-03-11')).rejects.toThrow('flagged complex');
    expect((await give(state, 'decide', {}, ['supervisor'], '2025-03-11')).state.status).toBe('decided');
  });
});
