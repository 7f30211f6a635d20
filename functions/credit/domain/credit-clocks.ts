import * as z from 'zod';
import { CreditDeadlineApproaching, CreditDeadlinePassed } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';

const days = z.number().int().min(0).max(365);

/**
 * The credit procedures' clocks (issue 13, point 7), each a documented, validated setting (CREDIT_CLOCKS, credit/settings.ts):
 * periods in working days on the Chinese calendar, except the objection window, in calendar days.
 */
export const creditClocks = z.strictObject({
  /** 企业经营异常名录管理办法 (SAMR Order 101, 2025): listed within 10 working days of the cause. */
  abnormalListWithin: days,
  /** The same: a removal application decided within 5 working days. */
  abnormalRemovalDecideWithin: days,
  /** SAMR Order 44 (2021): a serious listing published within 20 working days. */
  seriousPublishWithin: days,
  /** SAMR Order 44: an early removal application accepted within 2 working days, decided within 15, publication stopped within 3. */
  seriousRemovalAcceptWithin: days,
  seriousRemovalDecideWithin: days,
  seriousPublicationStopWithin: days,
  /** Objections (异议): to a listing within 30 days of its publication; accepted in 5, verified in 20, corrected in 5 working days. */
  objectionWindowDays: days,
  objectionAcceptWithin: days,
  objectionVerifyWithin: days,
  objectionCorrectWithin: days,
  /** Repair (信用修复), SAMR: accepted within 2 working days, decided within 15, publication stopped within 3. */
  repairAcceptWithin: days,
  repairDecideWithin: days,
  repairStopWithin: days,
  /** Repair under NDRC Order 36 (2026-04-01): accepted within 3 working days, decided within 7, extended once by 10. */
  ndrcRepairAcceptWithin: days,
  ndrcRepairDecideWithin: days,
  ndrcRepairExtendBy: days,
  /** Working days before a deadline when the daily sweep warns. */
  warnDays: days,
});
export type CreditClocks = z.infer<typeof creditClocks>;

export const CREDIT_CLOCK_DEFAULTS: CreditClocks = {
  abnormalListWithin: 10,
  abnormalRemovalDecideWithin: 5,
  seriousPublishWithin: 20,
  seriousRemovalAcceptWithin: 2,
  seriousRemovalDecideWithin: 15,
  seriousPublicationStopWithin: 3,
  objectionWindowDays: 30,
  objectionAcceptWithin: 5,
  objectionVerifyWithin: 20,
  objectionCorrectWithin: 5,
  repairAcceptWithin: 2,
  repairDecideWithin: 15,
  repairStopWithin: 3,
  ndrcRepairAcceptWithin: 3,
  ndrcRepairDecideWithin: 7,
  ndrcRepairExtendBy: 10,
  warnDays: 3,
};

/** One deadline of a procedure: by when, on which basis; `met` once the step is done, `warned`/`passed` once swept. */
export interface CreditDeadline {
  name: string;
  due: string;
  provisional: boolean;
  basis: string;
  met?: string;
  warned?: boolean;
  passed?: boolean;
}

/** A deadline `days` working days after `from` (the first day not counted). */
export function deadline(calendar: WorkingCalendar, name: string, from: string, days: number, basis: string): CreditDeadline {
  const { date, provisional } = calendar.addWorkingDays(from, days);
  return { name, due: date, provisional, basis };
}

/** The deadlines with the step done marked met on `on` (those of these names). */
export const meet = (deadlines: readonly CreditDeadline[], names: readonly string[], on: string): CreditDeadline[] =>
  deadlines.map((d) => (names.includes(d.name) && d.met === undefined ? { ...d, met: on } : d));

/** The earliest open deadline the sweep has still to pass (what the clock index holds), if any. */
export function nextDue(deadlines: readonly CreditDeadline[]): string | undefined {
  return deadlines
    .filter((d) => d.met === undefined && d.passed !== true)
    .map((d) => d.due)
    .sort()[0];
}

/**
 * The day a request waiting for the agency's decision is due by (its earliest deadline not met, passed or not), for
 * the agency's pending list; `undefined` once nothing is waited for.
 */
export function waitingDue(waiting: boolean, deadlines: readonly CreditDeadline[], on: string): string | undefined {
  if (!waiting) return undefined;
  return (
    deadlines
      .filter((d) => d.met === undefined)
      .map((d) => d.due)
      .sort()[0] ?? on
  );
}

/** Working days from `today` to `due` (0 on the day itself). */
function workingDaysLeft(calendar: WorkingCalendar, today: string, due: string): number {
  let n = 0;
  let day = today;
  while (day < due) {
    day = calendar.addWorkingDays(day, 1).date;
    n += 1;
  }
  return n;
}

/** What the daily sweep records about these deadlines today: each warned once when near, and passed once when over. */
export function clockEvents(deadlines: readonly CreditDeadline[], calendar: WorkingCalendar, today: string, warnDays: number): NewEvent[] {
  const events: NewEvent[] = [];
  for (const d of deadlines) {
    if (d.met !== undefined) continue;
    if (today > d.due && d.passed !== true) {
      events.push({
        type: CreditDeadlinePassed.DETAIL_TYPE,
        version: CreditDeadlinePassed.VERSION,
        data: { deadline: d.name, due: d.due, provisional: d.provisional, basis: d.basis },
      });
    } else if (today <= d.due && d.warned !== true) {
      const daysLeft = workingDaysLeft(calendar, today, d.due);
      if (daysLeft <= warnDays) {
        events.push({
          type: CreditDeadlineApproaching.DETAIL_TYPE,
          version: CreditDeadlineApproaching.VERSION,
          data: { deadline: d.name, due: d.due, daysLeft, provisional: d.provisional, basis: d.basis },
        });
      }
    }
  }
  return events;
}

/** The fold of a sweep's event on a procedure's deadlines. */
export function swept(deadlines: readonly CreditDeadline[], event: { type: string; data: unknown }): CreditDeadline[] | undefined {
  if (event.type === CreditDeadlineApproaching.DETAIL_TYPE) {
    const { deadline: name } = dataOf(CreditDeadlineApproaching, event);
    return deadlines.map((d) => (d.name === name ? { ...d, warned: true } : d));
  }
  if (event.type === CreditDeadlinePassed.DETAIL_TYPE) {
    const { deadline: name } = dataOf(CreditDeadlinePassed, event);
    return deadlines.map((d) => (d.name === name ? { ...d, passed: true } : d));
  }
  return undefined;
}
