import { CREDIT_CLOCK_DEFAULTS, clockEvents } from '#credit/domain/credit-clocks';
import { factsOf } from '#credit/domain/facts';
import { applyRemoval, decideRemoval, evolveListing, listEntity, removeListing } from '#credit/domain/listings';
import { creditProfile } from '#credit/domain/profile';
import { calendarOf, type WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { officialCalendar } from '#shared/working-days';

/** Weekdays only: enough where no holiday falls in the period (the holiday cases use the official calendar). */
const calendar = calendarOf((date) => ({ working: ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()), provisional: false }));
const clocks = CREDIT_CLOCK_DEFAULTS;

const base = { listingId: 'listing-1', agency: 'SAMR-110105', uscc: '91110105MA01ABCD13', today: '2026-07-10' };

describe('the two lists', () => {
  it('takes only the abnormal list’s causes, and a serious listing only with its case', () => {
    expect(() => listEntity({ ...base, list: 'abnormal', cause: 'late-tax' }, calendar, clocks)).toThrow(RuleViolationError);
    expect(() => listEntity({ ...base, list: 'abnormal', cause: 'late-tax' }, calendar, clocks)).toThrow(
      /annual-report-not-published, information-not-published/,
    );
    expect(() => listEntity({ ...base, list: 'serious', cause: '食品安全严重违法' }, calendar, clocks)).toThrow(/name its case/);
    expect(listEntity({ ...base, list: 'abnormal', cause: 'annual-report-not-published' }, calendar, clocks).state).toMatchObject({
      list: 'abnormal',
      on: '2026-07-10',
    });
  });

  it('removes a serious listing early only after a year on the list, naming the earliest day', () => {
    const listed = listEntity({ ...base, list: 'serious', cause: '食品安全严重违法', caseId: 'case-1' }, calendar, clocks).state;
    let refusal: unknown;
    try {
      removeListing(listed, { reason: '已履行', today: '2027-07-09' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StateConflictError);
    expect((refusal as StateConflictError).message).toContain('§16');
    expect((refusal as StateConflictError).extensions).toEqual({ earliest: '2027-07-10' });
    const removed = removeListing(listed, { reason: '已履行', today: '2027-07-10' }).state;
    expect(removed.removed).toEqual({ on: '2027-07-10', reason: '已履行' });
    expect(() => removeListing(removed, { reason: 'again', today: '2027-08-01' })).toThrow(/removed on 2027-07-10 already/);
  });

  it('caps the class while listed; the serious list ends by itself after 3 years, and the abnormal list never moves to it', () => {
    const stored = (listing: ReturnType<typeof listEntity>, stream: string) =>
      listing.events.map((e, i) => ({ ...e, stream, seq: i + 1, occurredAt: `${listing.state.on}T02:00:00Z` }));
    const serious = stored(
      listEntity({ ...base, list: 'serious', cause: '严重违法', caseId: 'case-1' }, calendar, clocks),
      'credit-listing/s',
    );
    const abnormal = stored(
      listEntity({ ...base, list: 'abnormal', cause: 'annual-report-not-published' }, calendar, clocks),
      'credit-listing/a',
    );
    const seriousFacts = serious.flatMap(factsOf);
    expect(creditProfile(seriousFacts, '2029-07-09').class).toBe('D');
    expect(creditProfile(seriousFacts, '2029-07-10').class).toBe('A');
    // The 2014 rule (3 years on the abnormal list moved a company to the serious one) was repealed in 2024.
    const abnormalFacts = abnormal.flatMap(factsOf);
    expect(creditProfile(abnormalFacts, '2030-01-01')).toMatchObject({ class: 'C', capped: { by: 'abnormal' } });
  });

  it('lists "unreachable at the registered address" only with two returned letters 15 to 30 days apart', () => {
    const unreachable = (letters?: { sentOn: string; returnedOn: string }[]) =>
      listEntity({ ...base, list: 'abnormal', cause: 'unreachable-at-address', letters }, calendar, clocks);
    expect(() => unreachable()).toThrow(/two registered letters, 15 to 30 days apart/);
    const first = { sentOn: '2026-05-04', returnedOn: '2026-05-12' };
    expect(() => unreachable([first, { sentOn: '2026-05-14', returnedOn: '2026-05-20' }])).toThrow(/10 days after the first/);
    expect(() => unreachable([first, { sentOn: '2026-06-08', returnedOn: '2026-06-12' }])).toThrow(/35 days after the first/);
    expect(() => unreachable([first, { sentOn: '2026-06-01', returnedOn: '2026-07-11' }])).toThrow(/cannot have come back on 2026-07-11/);
    expect(unreachable([first, { sentOn: '2026-05-19', returnedOn: '2026-05-28' }]).state.letters).toHaveLength(2);
  });
});

describe('the lists’ procedures on the Chinese calendar (2026 Mid-Autumn and National Day)', () => {
  let official: WorkingCalendar;
  beforeAll(async () => {
    official = await officialCalendar();
  });

  it('dates an abnormal listing 10 working days after its cause, and marks a later one late', () => {
    // Cause on Fri 25 Sep (Mid-Autumn, off); 28-30 Sep, 8-9 Oct, Sat 10 Oct (an adjusted working day), 12-15 Oct: 15 Oct.
    const onTime = listEntity(
      { ...base, list: 'abnormal', cause: 'information-not-published', causeOn: '2026-09-25', today: '2026-10-15' },
      official,
      clocks,
    );
    expect(onTime.state).toMatchObject({ causeOn: '2026-09-25', due: '2026-10-15', late: false });
    const late = listEntity(
      { ...base, list: 'abnormal', cause: 'information-not-published', causeOn: '2026-09-25', today: '2026-10-16' },
      official,
      clocks,
    );
    expect(late.state.late).toBe(true);
    expect(() =>
      listEntity(
        { ...base, list: 'abnormal', cause: 'information-not-published', causeOn: '2026-10-20', today: '2026-10-16' },
        official,
        clocks,
      ),
    ).toThrow(/after today/);
  });

  it('decides an abnormal listing’s removal application within 5 working days, without an acceptance step', () => {
    const listed = listEntity(
      { ...base, list: 'abnormal', cause: 'annual-report-not-published', today: '2026-07-10' },
      official,
      clocks,
    ).state;
    // Applied Tue 29 Sep: 30 Sep, 8, 9, 10 (Saturday, adjusted), 12 Oct.
    const applied = applyRemoval(listed, { reason: '已补报年度报告', today: '2026-09-29' }, official, clocks).state;
    expect(applied.application).toMatchObject({
      status: 'applied',
      deadlines: [{ name: 'decide-removal', due: '2026-10-12', provisional: false }],
    });
    expect(() => applyRemoval(applied, { reason: 'again', today: '2026-09-30' }, official, clocks)).toThrow(/still open/);
    expect(() => decideRemoval(applied, { outcome: 'accept', note: '受理', today: '2026-09-30' }, official, clocks)).toThrow(
      /decided, not accepted/,
    );
    const removed = decideRemoval(applied, { outcome: 'remove', note: '已核实', today: '2026-10-09' }, official, clocks).state;
    expect(removed.removed).toEqual({ on: '2026-10-09', reason: '已补报年度报告 (已核实)' });
    expect(removed.application?.deadlines[0]).toMatchObject({ met: '2026-10-09' });
    expect(() => decideRemoval(removed, { outcome: 'remove', note: 'x', today: '2026-10-10' }, official, clocks)).toThrow(
      /removed on 2026-10-09/,
    );
  });

  it('accepts a serious listing’s early removal within 2 working days and decides it within 15 of the acceptance', () => {
    const listed = listEntity(
      { ...base, list: 'serious', cause: '严重违法', caseId: 'case-1', today: '2025-09-30' },
      official,
      clocks,
    ).state;
    expect(() => applyRemoval(listed, { reason: '已履行', today: '2026-09-29' }, official, clocks)).toThrow(/§16.*not before 2026-09-30/);
    // Applied Wed 30 Sep: 8 and 9 Oct.
    const applied = applyRemoval(listed, { reason: '已履行全部义务', today: '2026-09-30' }, official, clocks).state;
    expect(applied.application?.deadlines).toEqual([expect.objectContaining({ name: 'accept-removal', due: '2026-10-09' })]);
    expect(() => decideRemoval(applied, { outcome: 'remove', note: '同意', today: '2026-10-08' }, official, clocks)).toThrow(
      /Accept the application first/,
    );
    // Accepted Fri 9 Oct: 15 working days from Sat 10 Oct (adjusted) to Thu 29 Oct.
    const accepted = decideRemoval(applied, { outcome: 'accept', note: '材料齐全', today: '2026-10-09' }, official, clocks).state;
    expect(accepted.application).toMatchObject({ status: 'accepted', note: '材料齐全' });
    expect(accepted.application?.deadlines.map((d) => [d.name, d.due, d.met])).toEqual([
      ['accept-removal', '2026-10-09', '2026-10-09'],
      ['decide-removal', '2026-10-29', undefined],
    ]);
    const refused = decideRemoval(accepted, { outcome: 'refuse', note: '未履行', today: '2026-10-20' }, official, clocks).state;
    expect(refused.application).toMatchObject({ status: 'refused' });
    expect(refused.removed).toBeUndefined();
    // A new application after a refusal.
    expect(applyRemoval(refused, { reason: '补充材料', today: '2026-10-21' }, official, clocks).state.application?.status).toBe('applied');
  });

  it('warns of a deadline 3 working days ahead once, and records it passed once, the day after it falls due', () => {
    const listed = listEntity(
      { ...base, list: 'abnormal', cause: 'annual-report-not-published', today: '2026-07-10' },
      official,
      clocks,
    ).state;
    let state = applyRemoval(listed, { reason: '已补报', today: '2026-09-29' }, official, clocks).state; // due 12 Oct
    const sweep = (today: string) => {
      const events = clockEvents(state.application?.deadlines ?? [], official, today, clocks.warnDays);
      state = events.reduce((s, e) => evolveListing(s, e, s.agency), state);
      return events.map((e) => [e.type, e.data]);
    };
    expect(sweep('2026-09-30')).toEqual([]); // 30 Sep to 12 Oct: 4 working days
    expect(sweep('2026-10-08')).toEqual([
      ['Credit.DeadlineApproaching', expect.objectContaining({ deadline: 'decide-removal', due: '2026-10-12', daysLeft: 3 })],
    ]);
    expect(sweep('2026-10-09')).toEqual([]);
    expect(sweep('2026-10-12')).toEqual([]);
    expect(sweep('2026-10-13')).toEqual([
      ['Credit.DeadlinePassed', expect.objectContaining({ deadline: 'decide-removal', due: '2026-10-12' })],
    ]);
    expect(sweep('2026-10-14')).toEqual([]);
  });
});
