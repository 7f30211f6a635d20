import { CREDIT_CLOCK_DEFAULTS } from '#credit/domain/credit-clocks';
import { factsOf } from '#credit/domain/facts';
import { listEntity } from '#credit/domain/listings';
import { acceptObjection, decideObjection, fileObjection, listingObjectionLastDay } from '#credit/domain/objections';
import { creditProfile } from '#credit/domain/profile';
import { ExternalInspectionResult } from '#events/external/external-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { StateConflictError } from '#shared/errors';
import { officialCalendar } from '#shared/working-days';

const agency = 'SAMR-110105';
const uscc = '91110105MA01ABCD13';
const clocks = CREDIT_CLOCK_DEFAULTS;
let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});

/** Events of one stream as the store records them, seq after seq from `first`, each on `day`. */
const stored = (events: NewEvent[], stream: string, day: string, first = 1) =>
  events.map((e, i) => ({ ...e, stream, seq: first + i, occurredAt: `${day}T02:00:00Z` }));
const inspection = (day: string, seq: number) => ({
  stream: `external/${agency}/${uscc}`,
  seq,
  type: ExternalInspectionResult.DETAIL_TYPE,
  occurredAt: `${day}T02:00:00Z`,
  data: {
    ...ExternalInspectionResult.example,
    id: `i-${seq}`,
    data: { ...ExternalInspectionResult.example.data, inspectedOn: day, result: 'non-compliant' },
  },
});

describe('objections (异议)', () => {
  const target = { kind: 'factor' as const, stream: `external/${agency}/${uscc}`, seq: 1 };
  const filed = () =>
    fileObjection(
      { objectionId: 'objection-1', agency, uscc, target, reason: '检查对象系已注销分支机构', today: '2026-09-29' },
      calendar,
      clocks,
    );

  it('is accepted within 5 working days and verified within 20 of its acceptance (2026 National Day)', () => {
    // Filed Tue 29 Sep: 30 Sep, 8, 9, Sat 10 (adjusted), 12 Oct.
    expect(filed().state).toMatchObject({ status: 'filed', deadlines: [{ name: 'accept-objection', due: '2026-10-12' }] });
    expect(() => decideObjection(filed().state, { upheld: true, note: 'x', today: '2026-10-08' })).toThrow(/Accept the objection first/);
    // Accepted Thu 8 Oct: 9, Sat 10 (adjusted), 12-16, 19-23, 26-30 Oct and 2-4 Nov: 20 working days, Wed 4 Nov.
    const accepted = acceptObjection(filed().state, { accept: true, note: '受理', today: '2026-10-08' }, calendar, clocks).state;
    expect(accepted.deadlines.map((d) => [d.name, d.due, d.met])).toEqual([
      ['accept-objection', '2026-10-12', '2026-10-08'],
      ['verify-objection', '2026-11-04', undefined],
    ]);
    expect(() => acceptObjection(accepted, { accept: true, note: 'again', today: '2026-10-09' }, calendar, clocks)).toThrow(
      StateConflictError,
    );
    const notAccepted = acceptObjection(
      filed().state,
      { accept: false, note: '不属于公示信息', today: '2026-10-08' },
      calendar,
      clocks,
    ).state;
    expect(notAccepted).toMatchObject({ status: 'not-accepted', closedOn: '2026-10-08' });
  });

  it('marks the factor 异议处理中 while it runs (counting it unless the setting says otherwise), and removes it once upheld', () => {
    const facts = [inspection('2026-09-01', 1), inspection('2026-09-02', 2)].flatMap(factsOf);
    const objection = filed();
    const accepted = acceptObjection(objection.state, { accept: true, note: '受理', today: '2026-10-08' }, calendar, clocks);
    const upheld = decideObjection(accepted.state, { upheld: true, note: '经核实，该记录予以删除', today: '2026-10-20' });
    const stream = 'credit-objection/objection-1';
    const objectionFacts = [
      ...stored(objection.events, stream, '2026-09-29'),
      ...stored(accepted.events, stream, '2026-10-08', 2),
      ...stored(upheld.events, stream, '2026-10-20', 3),
    ].flatMap(factsOf);
    const all = [...facts, ...objectionFacts];

    const running = creditProfile(all, '2026-10-19');
    expect(running.factors.map((f) => [f.source.seq, f.underObjection])).toEqual([
      [1, stream],
      [2, undefined],
    ]);
    expect(running.openObjections).toEqual([{ objection: stream, target, since: '2026-09-29' }]);
    expect(running.factors[0]?.points).toBeLessThan(0);
    expect(creditProfile(all, '2026-10-19', undefined, { objectionSuspends: true }).factors[0]?.points).toBe(0);

    const after = creditProfile(all, '2026-10-20');
    expect(after.factors.map((f) => f.source.seq)).toEqual([2]);
    expect(after.openObjections).toEqual([]);
    expect(after.score).toBeGreaterThan(running.score);
    // Dismissed: the factor stays and counts.
    const dismissed = decideObjection(accepted.state, { upheld: false, note: '检查记录无误', today: '2026-10-20' });
    const kept = creditProfile([...facts, ...stored(dismissed.events, stream, '2026-10-20', 3).flatMap(factsOf)], '2026-10-20');
    expect(kept.factors).toHaveLength(2);
  });

  it('takes an objection to a listing within 30 days of its publication; upheld, the listing is gone from the profile', () => {
    // Listed Fri 4 Sep 2026: 30 days later is Sun 4 Oct, inside the National Day holiday: the last day is Thu 8 Oct.
    expect(listingObjectionLastDay('2026-09-04', calendar, clocks)).toBe('2026-10-08');
    const listing = listEntity(
      { listingId: 'l-1', agency, uscc, list: 'abnormal', cause: 'annual-report-not-published', today: '2026-09-04' },
      calendar,
      clocks,
    );
    const listingTarget = { kind: 'listing' as const, listing: 'credit-listing/l-1' };
    const objection = fileObjection(
      { objectionId: 'objection-2', agency, uscc, target: listingTarget, reason: '年报已按时公示', today: '2026-09-10' },
      calendar,
      clocks,
    );
    const accepted = acceptObjection(objection.state, { accept: true, note: '受理', today: '2026-09-11' }, calendar, clocks);
    const upheld = decideObjection(accepted.state, { upheld: true, note: '年报公示记录无误，列入错误', today: '2026-09-18' });
    const stream = 'credit-objection/objection-2';
    const facts = [
      ...stored(listing.events, 'credit-listing/l-1', '2026-09-04'),
      ...stored(objection.events, stream, '2026-09-10'),
      ...stored(accepted.events, stream, '2026-09-11', 2),
      ...stored(upheld.events, stream, '2026-09-18', 3),
    ].flatMap(factsOf);
    expect(creditProfile(facts, '2026-09-17')).toMatchObject({
      class: 'C',
      listings: [{ listing: 'credit-listing/l-1', underObjection: stream }],
    });
    expect(creditProfile(facts, '2026-09-18')).toMatchObject({ class: 'A', listings: [] });
  });
});
