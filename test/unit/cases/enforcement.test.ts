import { type CaseRecord, openCase } from '#cases/domain/case-record';
import { give as giveWith } from '#cases/domain/commands';
import { accrual, addMonths, checkCourtApplication, courtWindow } from '#cases/domain/enforcement';
import type { CaseCommand, CaseRole } from '#cases/domain/lifecycle';
import { officialCalendar, type WorkingCalendar } from '#shared/working-days';

let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});

const ONE_DUE = { fine: 10_000, schedule: [{ due: '2025-06-16', amount: 10_000 }], payments: [] };

describe('the surcharge on an unpaid fine (行政处罚法 §72: 3% a day, never more than the fine)', () => {
  it.each([
    ['a date before the due date', '2025-06-10', 0],
    ['the due date itself', '2025-06-16', 0],
    ['the first day after it', '2025-06-17', 300],
    ['33 days after', '2025-07-19', 9_900],
    ['34 days after: capped at the fine', '2025-07-20', 10_000],
    ['half a year after', '2025-12-31', 10_000],
  ])('%s (%s): ¥%d', (_name, on, surcharge) => {
    expect(accrual(ONE_DUE, on).surcharge).toBe(surcharge);
  });

  it('names the day the cap was reached, and owes fine plus surcharge', () => {
    expect(accrual(ONE_DUE, '2025-07-19')).toMatchObject({ owed: 19_900 });
    expect(accrual(ONE_DUE, '2025-08-01')).toMatchObject({ capReachedOn: '2025-07-20', owed: 20_000, fineOutstanding: 10_000 });
  });

  it('grows on what is still unpaid: a part paid stops its share from the next day', () => {
    const paidHalf = { ...ONE_DUE, payments: [{ on: '2025-06-20', amount: 5_000, fine: 5_000, surcharge: 0 }] };
    // 17–20 June on 10,000 (4 × 300), from 21 June on 5,000 (150 a day).
    expect(accrual(paidHalf, '2025-06-20').surcharge).toBe(1_200);
    expect(accrual(paidHalf, '2025-06-22').surcharge).toBe(1_500);
  });

  it('counts each instalment from its own due date', () => {
    const two = {
      fine: 10_000,
      schedule: [
        { due: '2025-07-01', amount: 4_000 },
        { due: '2025-08-01', amount: 6_000 },
      ],
      payments: [],
    };
    expect(accrual(two, '2025-07-02')).toMatchObject({ surcharge: 120, nextDue: '2025-07-01' });
    expect(accrual(two, '2025-08-02').surcharge).toBe(120 * 32 + 180);
  });

  it('rounds to the fen, never beyond the fine', () => {
    expect(accrual({ fine: 333.33, schedule: [{ due: '2025-06-16', amount: 333.33 }], payments: [] }, '2025-06-17').surcharge).toBe(10);
    expect(accrual({ fine: 333.33, schedule: [{ due: '2025-06-16', amount: 333.33 }], payments: [] }, '2026-01-01').surcharge).toBe(333.33);
  });
});

describe('the court application window (行政强制法 §53–§54)', () => {
  it('opens after the lawsuit period and 10 working days after the reminder, and closes 3 months later', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    const w = courtWindow('2025-06-01', ['2025-11-25'], calendar);
    // Review: 60 days to 31 July; lawsuit: 6 months to 1 December. Reminder 25 Nov + 10 working days = 9 Dec.
    expect(w).toEqual({ periodsEnd: '2025-12-01', earliest: '2025-12-10', latest: '2026-03-02', reminded: true });
    expect(courtWindow('2025-06-01', [], calendar).earliest).toBe('2025-12-02');
  });

  it('answers an early application with the earliest date', () => {
    const w = courtWindow('2025-06-01', ['2025-11-25'], calendar);
    expect(() => checkCourtApplication(w, '2025-12-09', 20_000, undefined)).toThrow(/The court can be asked from 2025-12-10/);
    expect(() => checkCourtApplication(courtWindow('2025-06-01', [], calendar), '2025-12-20', 20_000, undefined)).toThrow(
      /Serve the written reminder/,
    );
    expect(() => checkCourtApplication(w, '2025-12-10', 20_000, { kind: 'lawsuit', on: '2025-11-01' })).toThrow(
      /not asked while it is pending/,
    );
    expect(() => checkCourtApplication(w, '2025-12-10', 20_000, undefined)).not.toThrow();
  });
});

/** A decided fine of ¥20,000, served on 2025-06-01 (due 16 June). */
function decided(): CaseRecord {
  const give = (s: CaseRecord, c: CaseCommand, input: Record<string, unknown>, role: CaseRole, today: string) =>
    giveWith(s, c, input as never, { id: role, roles: [role] }, { today, calendar }).state;
  let c = openCase({
    caseId: 'case-2',
    agency: 'SAMR-310000',
    jurisdiction: '310104',
    entity: '91310000MA1K4AXX4R',
    party: { kind: 'organisation', name: '上海示例食品有限公司' },
    source: { kind: 'complaint', ref: '' },
    summary: 's',
    clueOn: '2025-03-03',
  }).state;
  c = give(c, 'register', {}, 'supervisor', '2025-03-05');
  c = give(c, 'investigate', {}, 'case-officer', '2025-03-06');
  const penalty = { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' };
  c = give(c, 'notify', { proposed: penalty }, 'case-officer', '2025-05-01');
  c = give(c, 'decide', { penalty }, 'supervisor', '2025-05-20');
  return give(c, 'serve', {}, 'case-officer', '2025-06-01');
}

describe('payments, instalments and the court, as steps of the case', () => {
  const give = (s: CaseRecord, c: CaseCommand, input: Record<string, unknown>, role: CaseRole, today: string) =>
    giveWith(s, c, input as never, { id: role, roles: [role] }, { today, calendar }).state;

  it('applies a late payment to the fine first; the case is executed once fine and surcharge are paid', () => {
    const c = decided();
    const part = give(c, 'record-payment', { amount: 20_000 }, 'case-officer', '2025-06-18');
    expect(part.status).toBe('decided');
    expect(part.payments?.[0]).toEqual({ on: '2025-06-18', amount: 20_000, fine: 20_000, surcharge: 0 });
    expect(() => give(part, 'record-payment', { amount: 1_201 }, 'case-officer', '2025-06-18')).toThrow(
      /more than is owed on 2025-06-18: ¥1200/,
    );
    const paid = give(part, 'record-payment', { amount: 1_200 }, 'case-officer', '2025-06-18');
    expect(paid.status).toBe('executed');
  });

  it('moves the due dates by an approved schedule, which must add up to the fine', () => {
    const c = decided();
    expect(() =>
      give(c, 'approve-instalments', { instalments: [{ due: '2025-07-01', amount: 10_000 }], reason: '困难' }, 'supervisor', '2025-06-10'),
    ).toThrow(/add up to ¥10000, the fine still unpaid is ¥20000/);
    const moved = give(
      c,
      'approve-instalments',
      {
        instalments: [
          { due: '2025-07-01', amount: 10_000 },
          { due: '2025-08-01', amount: 10_000 },
        ],
        reason: '困难',
      },
      'supervisor',
      '2025-06-10',
    );
    expect(accrual({ fine: 20_000, schedule: moved.instalments ?? [], payments: [] }, '2025-06-30').surcharge).toBe(0);
  });

  it('records the court application with what is owed once the periods have run and the reminder has waited', () => {
    let c = decided();
    expect(() => give(c, 'apply-court-enforcement', { court: '上海市徐汇区人民法院' }, 'supervisor', '2025-07-01')).toThrow(
      /Serve the written reminder/,
    );
    c = give(c, 'remind-payment', {}, 'case-officer', '2025-11-25');
    expect(() => give(c, 'apply-court-enforcement', { court: '上海市徐汇区人民法院' }, 'supervisor', '2025-12-09')).toThrow(
      /from 2025-12-10/,
    );
    c = give(c, 'apply-court-enforcement', { court: '上海市徐汇区人民法院' }, 'supervisor', '2025-12-10');
    expect(c.status).toBe('court-enforcement');
    expect(c.court).toEqual({ on: '2025-12-10', court: '上海市徐汇区人民法院', fine: 20_000, surcharge: 20_000, earliest: '2025-12-10' });
  });
});
