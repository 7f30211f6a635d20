import { CREDIT_CLOCK_DEFAULTS } from '#credit/domain/credit-clocks';
import { factsOf } from '#credit/domain/facts';
import { creditProfile } from '#credit/domain/profile';
import { acceptRepair, applyRepair, checkRepair, decideRepair, type RepairSubject } from '#credit/domain/repairs';
import { PenaltyDecided } from '#events/cases/case-events.v1';
import type { WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { officialCalendar } from '#shared/working-days';

const clocks = CREDIT_CLOCK_DEFAULTS;
let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});

const fine: RepairSubject = {
  decision: { on: '2026-01-05', types: ['fine'] },
  publication: { publishedOn: '2026-01-10', status: 'live', period: '3 years', takedownOn: '2029-01-10' },
  listed: [],
};
const declared = { obligationsPerformed: true, harmRemoved: true };
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as StateConflictError;
  }
  throw new Error('expected a refusal');
};

describe('credit repair under the SAMR rules (国市监信规〔2021〕3号 Art. 6, 总局令第45号 Art. 13-14)', () => {
  it('is possible after 6 months of publication, or a year in food, drugs and special equipment', () => {
    expect(checkRepair('samr', 'other', fine, declared, '2026-07-10')).toEqual({ earliest: '2026-07-10' });
    const early = refusal(() => checkRepair('samr', 'other', fine, declared, '2026-07-09'));
    expect(early).toBeInstanceOf(StateConflictError);
    expect(early.message).toContain('from 2026-07-10');
    expect(early.extensions).toEqual({ earliest: '2026-07-10' });
    expect(refusal(() => checkRepair('samr', 'food', fine, declared, '2026-07-10')).extensions).toEqual({ earliest: '2027-01-10' });
    expect(checkRepair('samr', 'special-equipment', fine, declared, '2027-01-10').earliest).toBe('2027-01-10');
  });

  it('never repairs a suspension or a licence revocation (Art. 14); a warning or a small fine simply expires', () => {
    const revocation = { ...fine, decision: { on: '2026-01-05', types: ['fine', 'licence-revocation'] as const } };
    const never = refusal(() =>
      checkRepair(
        'samr',
        'other',
        { ...revocation, decision: { ...revocation.decision, types: [...revocation.decision.types] } },
        declared,
        '2027-01-01',
      ),
    );
    expect(never.message).toContain('（总局令第45号）第十四条');
    const small = { ...fine, publication: { ...fine.publication, period: '3 months', takedownOn: '2026-04-10' } } as RepairSubject;
    expect(refusal(() => checkRepair('samr', 'other', small, declared, '2026-03-01')).message).toContain('ends by itself on 2026-04-10');
  });

  it('needs no penalty of the same kind since, neither list, the obligations performed and the harm removed', () => {
    expect(refusal(() => checkRepair('samr', 'other', { ...fine, sameKindSince: '2026-03-01' }, declared, '2026-08-01')).message).toContain(
      'same kind was decided since, on 2026-03-01',
    );
    expect(refusal(() => checkRepair('samr', 'other', { ...fine, listed: ['abnormal'] }, declared, '2026-08-01')).message).toContain(
      'abnormal list',
    );
    expect(() => checkRepair('samr', 'other', fine, { ...declared, harmRemoved: false }, '2026-08-01')).toThrow(RuleViolationError);
    const ended = { ...fine, publication: { ...fine.publication, status: 'withdrawn', endedOn: '2026-05-01' } } as RepairSubject;
    expect(refusal(() => checkRepair('samr', 'other', ended, declared, '2026-08-01')).message).toContain('ended on 2026-05-01');
  });

  it('is accepted within 2 working days and decided within 15, with no extension; granted, the penalty stops weighing', () => {
    // Applied Wed 30 Sep 2026: 8 and 9 Oct. Accepted Fri 9 Oct: 15 working days to Thu 29 Oct (Sat 10 Oct works).
    const applied = applyRepair(
      {
        repairId: 'r-1',
        agency: 'A',
        uscc: '91110105MA01ABCD13',
        caseId: 'c-1',
        regime: 'samr',
        field: 'other',
        publishedOn: '2026-01-10',
        earliest: '2026-07-10',
        reason: '已履行',
        on: '2026-09-30',
      },
      calendar,
      clocks,
    );
    expect(applied.state.deadlines).toEqual([expect.objectContaining({ name: 'accept-repair', due: '2026-10-09' })]);
    const accepted = acceptRepair(applied.state, { accept: true, note: '受理', today: '2026-10-09' }, calendar, clocks);
    expect(accepted.state.deadlines.map((d) => [d.name, d.due])).toEqual([
      ['accept-repair', '2026-10-09'],
      ['decide-repair', '2026-10-29'],
    ]);
    expect(() => decideRepair(accepted.state, { outcome: 'extend', note: '延期', today: '2026-10-12' }, calendar, clocks)).toThrow(
      /no extension/,
    );
    const granted = decideRepair(accepted.state, { outcome: 'grant', note: '准予修复', today: '2026-10-12' }, calendar, clocks);
    expect(granted.state).toMatchObject({ status: 'granted', closedOn: '2026-10-12' });

    const decision = {
      stream: 'case/c-1',
      seq: 9,
      type: PenaltyDecided.DETAIL_TYPE,
      occurredAt: '2026-01-05T02:00:00Z',
      data: { ...PenaltyDecided.example, on: '2026-01-05' },
    };
    const repair = granted.events.map((e, i) => ({ ...e, stream: 'credit-repair/r-1', seq: 3 + i, occurredAt: '2026-10-12T02:00:00Z' }));
    const facts = [decision, ...repair].flatMap(factsOf);
    expect(creditProfile(facts, '2026-10-11').factors.map((f) => f.rule)).toEqual(['credit-v1/penalty-fine']);
    expect(creditProfile(facts, '2026-10-12')).toMatchObject({ score: 1000, factors: [] });
  });
});

describe('credit repair under NDRC Order 36 (2026-04-01), on its own', () => {
  it('waits 3 months for 一般 information and a year for 严重; 轻微 expires by itself', () => {
    expect(checkRepair('ndrc', 'food', fine, declared, '2026-04-10')).toEqual({ earliest: '2026-04-10', severity: 'general' });
    const serious = { ...fine, decision: { on: '2026-01-05', types: ['licence-revocation'] } } as RepairSubject;
    expect(refusal(() => checkRepair('ndrc', 'other', serious, declared, '2026-12-31')).extensions).toEqual({ earliest: '2027-01-10' });
    expect(checkRepair('ndrc', 'other', serious, declared, '2027-01-10')).toEqual({ earliest: '2027-01-10', severity: 'serious' });
    const minor = { ...fine, publication: { ...fine.publication, period: '3 months', takedownOn: '2026-04-10' } } as RepairSubject;
    expect(refusal(() => checkRepair('ndrc', 'other', minor, declared, '2026-03-01')).message).toContain('轻微');
  });

  it('is accepted within 3 working days, decided within 7, and extended once by 10', () => {
    // Applied Tue 29 Sep 2026: 30 Sep, 8 and 9 Oct. Accepted Fri 9 Oct: Sat 10 (adjusted), 12-16 and 19 Oct, 7 working
    // days to Mon 19 Oct; extended by 10: 20-23, 26-30 Oct and 2 Nov.
    const applied = applyRepair(
      {
        repairId: 'r-2',
        agency: 'A',
        uscc: '91110105MA01ABCD13',
        caseId: 'c-2',
        regime: 'ndrc',
        field: 'other',
        severity: 'general',
        publishedOn: '2026-01-10',
        earliest: '2026-04-10',
        reason: '已履行',
        on: '2026-09-29',
      },
      calendar,
      clocks,
    );
    expect(applied.state.deadlines[0]).toMatchObject({ name: 'accept-repair', due: '2026-10-09' });
    const accepted = acceptRepair(applied.state, { accept: true, note: '受理', today: '2026-10-09' }, calendar, clocks).state;
    expect(accepted.deadlines.find((d) => d.name === 'decide-repair')?.due).toBe('2026-10-19');
    const extended = decideRepair(accepted, { outcome: 'extend', note: '需核查', today: '2026-10-15' }, calendar, clocks).state;
    expect(extended.deadlines.filter((d) => d.name === 'decide-repair').map((d) => d.due)).toEqual(['2026-11-02']);
    expect(() => decideRepair(extended, { outcome: 'extend', note: '再次', today: '2026-10-16' }, calendar, clocks)).toThrow(
      /once already/,
    );
    expect(decideRepair(extended, { outcome: 'refuse', note: '未履行', today: '2026-10-30' }, calendar, clocks).state.status).toBe(
      'refused',
    );
  });
});
