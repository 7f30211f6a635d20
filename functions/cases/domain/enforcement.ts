import { nextDay, type WorkingCalendar } from '#shared/calendar';
import { StateConflictError } from '#shared/errors';

/**
 * Enforcement of a fine (行政处罚法 §66–§67, §72; 行政强制法 §35, §45, §53–§55), pure: the schedule it is due on (15
 * days after service, or the instalments a supervisor approved), the surcharge of 3% of the unpaid fine a day after a
 * due date (加处罚款), never more than the fine, for any date; how a payment is applied; and the earliest day the
 * agency may apply to the people's court for enforcement. Money is counted in fen (integers) and answered in yuan.
 */
export interface EnforcementSettings {
  /** 行政复议法 §20 (2023): review is sought within 60 days of learning of the decision. */
  reviewDays: number;
  /** 行政诉讼法 §46: a lawsuit within 6 months. */
  lawsuitMonths: number;
  /** 行政强制法 §54 with §69: court enforcement is sought 10 (working) days after the reminder (催告) was served. */
  reminderWorkingDays: number;
  /** 行政强制法 §53: within 3 months after the periods run out. */
  applicationMonths: number;
  /** 行政处罚法 §72: 3% of the fine a day, in basis points. */
  surchargeBpPerDay: number;
}

export const ENFORCEMENT_DEFAULTS: EnforcementSettings = {
  reviewDays: 60,
  lawsuitMonths: 6,
  reminderWorkingDays: 10,
  applicationMonths: 3,
  surchargeBpPerDay: 300,
};

export interface Instalment {
  due: string;
  amount: number;
}
export interface Payment {
  on: string;
  amount: number;
  fine: number;
  surcharge: number;
}

/** What the accrual reads of a case. */
export interface FineFacts {
  fine: number;
  /** The fine's due dates: one (15 days after service) or the approved instalments. */
  schedule: readonly Instalment[];
  payments: readonly Payment[];
}

const fen = (yuan: number) => Math.round(yuan * 100);
const yuan = (f: number) => f / 100;
const maxDay = (a: string, b: string) => (a > b ? a : b);

/** `months` calendar months after `day` (the same day of the month, or the month's last day when it has none). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export interface Accrual {
  on: string;
  fine: number;
  finePaid: number;
  fineOutstanding: number;
  /** Surcharge accrued up to `on` (inclusive), capped at the fine. */
  surcharge: number;
  surchargePaid: number;
  /** Fine and surcharge still owed on `on`. */
  owed: number;
  /** The day the surcharge reached the fine (it grows no more), if it has by `on`. */
  capReachedOn?: string;
  /** The next due date with an unpaid amount, if any. */
  nextDue?: string;
}

/**
 * The fine and its surcharge on a day. Each day after a due date adds 3% of the fine then due and unpaid (the
 * payments of earlier days counted), until the surcharge equals the fine (行政处罚法 §72: 加处罚款的数额不得超出罚款的数额).
 * A payment is applied to the fine first, which stops the surcharge growing, then to the surcharge.
 */
export function accrual(facts: FineFacts, on: string, bpPerDay = ENFORCEMENT_DEFAULTS.surchargeBpPerDay): Accrual {
  const fineF = fen(facts.fine);
  const schedule = [...facts.schedule].sort((a, b) => (a.due < b.due ? -1 : 1)).map((i) => ({ due: i.due, amount: fen(i.amount) }));
  const payments = [...facts.payments].sort((a, b) => (a.on < b.on ? -1 : 1));
  const paidBefore = (day: string) => payments.filter((p) => p.on < day).reduce((n, p) => n + fen(p.fine), 0);
  const capUnits = fineF * 10_000; // surcharge in fen × 10,000 (basis points), exact until rounded at the end
  let units = 0;
  let capReachedOn: string | undefined;
  const first = schedule[0];
  if (first !== undefined && on > first.due) {
    for (let day = nextDay(first.due); day <= on; day = nextDay(day)) {
      const dueByNow = schedule.filter((i) => i.due < day).reduce((n, i) => n + i.amount, 0);
      const overdue = Math.max(0, dueByNow - paidBefore(day));
      if (overdue === 0 && schedule.every((i) => i.due < day)) break; // all paid, nothing more falls due
      units += overdue * bpPerDay;
      if (units >= capUnits) {
        units = capUnits;
        capReachedOn = day;
        break;
      }
    }
  }
  const surchargeF = Math.round(units / 10_000);
  const finePaidF = payments.filter((p) => p.on <= on).reduce((n, p) => n + fen(p.fine), 0);
  const surchargePaidF = payments.filter((p) => p.on <= on).reduce((n, p) => n + fen(p.surcharge), 0);
  const fineOutstandingF = Math.max(0, fineF - finePaidF);
  const nextDue = nextDueOf(
    facts.schedule,
    payments.filter((p) => p.on <= on),
  );
  return {
    on,
    fine: yuan(fineF),
    finePaid: yuan(finePaidF),
    fineOutstanding: yuan(fineOutstandingF),
    surcharge: yuan(surchargeF),
    surchargePaid: yuan(surchargePaidF),
    owed: yuan(fineOutstandingF + Math.max(0, surchargeF - surchargePaidF)),
    ...(capReachedOn === undefined ? {} : { capReachedOn }),
    ...(nextDue === undefined ? {} : { nextDue }),
  };
}

/** The first due date not paid in full by these payments (instalments are paid in the order they fall due). */
export function nextDueOf(schedule: readonly Instalment[], payments: readonly Payment[]): string | undefined {
  let paid = payments.reduce((n, p) => n + fen(p.fine), 0);
  return [...schedule]
    .sort((a, b) => (a.due < b.due ? -1 : 1))
    .find((i) => {
      paid -= fen(i.amount);
      return paid < 0;
    })?.due;
}

/** How a payment of `amount` on `on` is applied: to the fine first, then to the surcharge; 409 above what is owed. */
export function applyPayment(facts: FineFacts, on: string, amount: number, bpPerDay?: number): Payment & { outstanding: number } {
  const now = accrual(facts, on, bpPerDay);
  if (fen(amount) > fen(now.owed)) {
    throw new StateConflictError(
      `¥${amount} is more than is owed on ${on}: ¥${now.owed} (fine ¥${now.fineOutstanding}, surcharge ¥${yuan(fen(now.surcharge) - fen(now.surchargePaid))}).`,
      { owed: now.owed },
    );
  }
  const toFine = Math.min(fen(amount), fen(now.fineOutstanding));
  return { on, amount, fine: yuan(toFine), surcharge: yuan(fen(amount) - toFine), outstanding: yuan(fen(now.owed) - fen(amount)) };
}

/** 400-like refusal in words of a schedule that does not add up to the fine still unpaid, or is out of order. */
export function checkSchedule(instalments: readonly Instalment[], unpaid: number, today: string): string | undefined {
  const total = instalments.reduce((n, i) => n + fen(i.amount), 0);
  if (total !== fen(unpaid)) return `the instalments add up to ¥${yuan(total)}, the fine still unpaid is ¥${unpaid}`;
  for (const [i, inst] of instalments.entries()) {
    if (inst.due < today) return `instalment ${i + 1} falls due on ${inst.due}, before today (${today})`;
    const prev = instalments[i - 1];
    if (prev !== undefined && inst.due <= prev.due) return `instalment ${i + 1} falls due on ${inst.due}, not after instalment ${i}`;
  }
  return undefined;
}

export interface CourtWindow {
  /** The last day the party could seek review or sue (the later of the two periods). */
  periodsEnd: string;
  /** The first day the agency may apply: after the periods and 10 working days after a reminder. */
  earliest: string;
  /** The last day (3 months after the periods ran out). */
  latest: string;
  reminded: boolean;
}

/** The court-application window of a decision served on `servedOn` (行政强制法 §53–§54), on the official calendar. */
export function courtWindow(
  servedOn: string,
  reminders: readonly string[],
  calendar: WorkingCalendar,
  settings: EnforcementSettings = ENFORCEMENT_DEFAULTS,
): CourtWindow {
  const review = calendar.addCalendarDays(servedOn, settings.reviewDays).date;
  const lawsuit = calendar.addCalendarDays(addMonths(servedOn, settings.lawsuitMonths), 0).date;
  const periodsEnd = maxDay(review, lawsuit);
  const last = [...reminders].sort().at(-1);
  const afterReminder = last === undefined ? undefined : nextDay(calendar.addWorkingDays(last, settings.reminderWorkingDays).date);
  const earliest = afterReminder === undefined ? nextDay(periodsEnd) : maxDay(nextDay(periodsEnd), afterReminder);
  return {
    periodsEnd,
    earliest,
    latest: calendar.addCalendarDays(addMonths(periodsEnd, settings.applicationMonths), 0).date,
    reminded: last !== undefined,
  };
}

/** 409 naming the earliest date (or what is missing) when the court may not be asked yet. */
export function checkCourtApplication(
  w: CourtWindow,
  today: string,
  owed: number,
  pendingAppeal: { kind: string; on: string } | undefined,
  settings: EnforcementSettings = ENFORCEMENT_DEFAULTS,
): void {
  if (owed <= 0) throw new StateConflictError('Nothing is owed: the fine and its surcharge are paid.', { owed });
  if (pendingAppeal !== undefined) {
    throw new StateConflictError(
      `The party sought ${pendingAppeal.kind === 'review' ? 'administrative review' : 'a lawsuit'} on ${pendingAppeal.on}; the court is not asked while it is pending (行政强制法 §53). Record its outcome first.`,
      { allowed: ['record-appeal'] },
    );
  }
  if (!w.reminded) {
    throw new StateConflictError(
      `Serve the written reminder (催告, 行政强制法 §54) first; the court can then be asked ${settings.reminderWorkingDays} working days after it, and not before ${w.earliest}.`,
      { earliest: w.earliest, allowed: ['remind-payment'] },
    );
  }
  if (today < w.earliest) {
    throw new StateConflictError(
      `The court can be asked from ${w.earliest}: the periods for review (${settings.reviewDays} days, 行政复议法 §20) and a lawsuit (${settings.lawsuitMonths} months, 行政诉讼法 §46) run to ${w.periodsEnd}, and ${settings.reminderWorkingDays} working days must pass after the reminder (行政强制法 §53–§54).`,
      { earliest: w.earliest },
    );
  }
  if (today > w.latest) {
    throw new StateConflictError(
      `The window to ask the court closed on ${w.latest} (3 months after the periods ran out, 行政强制法 §53).`,
      { latest: w.latest },
    );
  }
}
