import * as E from '#events/cases/case-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import { chinaDay, daysBetween, type WorkingCalendar } from '#shared/calendar';
import { type CaseRecord, newEvent } from './case-record.ts';
import { type FineFacts, nextDueOf } from './enforcement.ts';
import { OPEN_STATES } from './lifecycle.ts';
import { approvalDueAt, type Measure, measureDue } from './measures.ts';

/**
 * Statutory clocks of a penalty case (DESIGN §6), on the Chinese official calendar:
 * registration within 15 working days of the clue (市场监督管理行政处罚程序规定 §18); a decision within 90 days of
 * registration (行政处罚法 §60), extendable once by 30 days, hearing and expert-appraisal time not counted; a
 * hearing request within 5 working days of notification (§64); a fine due 15 days after service (§67).
 */
export const CLOCK_DEFAULTS = {
  registrationWorkingDays: 15,
  decisionDays: 90,
  extensionDays: 30,
  hearingRequestWorkingDays: 5,
  paymentDays: 15,
} as const;

export interface ClockFacts {
  clueOn: string;
  registeredOn?: string;
  extended?: boolean;
  /** Hearing and expert appraisal: calendar days that do not count toward the decision deadline. */
  suspensions?: { from: string; to: string; reason: 'hearing' | 'appraisal' }[];
  notifiedOn?: string;
  servedOn?: string;
  /** The next instalment due (an approved deferral or schedule replaces the 15 days after service). */
  paymentDue?: string;
}

export interface Deadline {
  name: 'registration' | 'decision' | 'hearing-request' | 'payment';
  due: string;
  /** Past the calendar data the package holds: counted on weekends alone. */
  provisional: boolean;
}

export const daysUntil = (from: string, to: string) => daysBetween(from, to);

const at = (name: Deadline['name'], result: { date: string; provisional: boolean }): Deadline => ({
  name,
  due: result.date,
  provisional: result.provisional,
});

/** The statutory deadlines of these facts, counted on the working calendar. */
export function deadlines(facts: ClockFacts, calendar: WorkingCalendar, settings = CLOCK_DEFAULTS): Deadline[] {
  const out: Deadline[] = [];
  if (facts.registeredOn === undefined) {
    out.push(at('registration', calendar.addWorkingDays(facts.clueOn, settings.registrationWorkingDays)));
  } else {
    const suspended = (facts.suspensions ?? []).reduce((n, s) => n + daysBetween(s.from, s.to) + 1, 0);
    const days = settings.decisionDays + (facts.extended ? settings.extensionDays : 0) + suspended;
    out.push(at('decision', calendar.addCalendarDays(facts.registeredOn, days)));
  }
  if (facts.notifiedOn !== undefined) {
    out.push(at('hearing-request', calendar.addWorkingDays(facts.notifiedOn, settings.hearingRequestWorkingDays)));
  }
  if (facts.paymentDue !== undefined) out.push({ name: 'payment', due: facts.paymentDue, provisional: false });
  else if (facts.servedOn !== undefined) out.push(at('payment', calendar.addCalendarDays(facts.servedOn, settings.paymentDays)));
  return out;
}

/** A deadline within `warnDays` (default 10) or passed, as the sweep reports it. */
export function urgency(deadline: Deadline, today: string, warnDays = 10): 'passed' | 'near' | undefined {
  const left = daysBetween(today, deadline.due);
  if (left < 0) return 'passed';
  return left <= warnDays ? 'near' : undefined;
}

/** The deadlines a case shows now (hearing and appraisal time suspended; an appraisal under way up to today). */
export function caseDeadlines(state: CaseRecord, calendar: WorkingCalendar, today?: string): Deadline[] {
  const suspensions = [
    ...(state.hearing?.from && state.hearing.to ? [{ from: state.hearing.from, to: state.hearing.to, reason: 'hearing' as const }] : []),
    ...(state.appraisals ?? []).map((a) => ({ from: a.from, to: a.to ?? today ?? a.from, reason: 'appraisal' as const })),
  ];
  const paymentDue = state.status === 'decided' ? nextInstalment(state) : undefined;
  return deadlines(
    {
      clueOn: state.clueOn,
      ...(state.registeredOn ? { registeredOn: state.registeredOn } : {}),
      ...(state.notifiedOn && state.status === 'notified' ? { notifiedOn: state.notifiedOn } : {}),
      ...(state.servedOn && state.status === 'decided' ? { servedOn: state.servedOn } : {}),
      ...(paymentDue === undefined ? {} : { paymentDue }),
      extended: state.extended,
      suspensions,
    },
    calendar,
  );
}

/** The fine's due dates (15 days after service, or the approved instalments) and its payments, for the accrual. */
export function fineFactsOf(state: CaseRecord, calendar: WorkingCalendar, settings = CLOCK_DEFAULTS): FineFacts {
  const fine = state.decision?.penalty.fine ?? 0;
  const schedule =
    state.instalments ??
    (state.servedOn === undefined ? [] : [{ due: calendar.addCalendarDays(state.servedOn, settings.paymentDays).date, amount: fine }]);
  return { fine, schedule, payments: state.payments ?? [] };
}

/** The first instalment not paid in full (the last one once all are paid). */
function nextInstalment(state: CaseRecord): string | undefined {
  const schedule = state.instalments ?? [];
  return nextDueOf(schedule, state.payments ?? []) ?? schedule.at(-1)?.due;
}

/** Whether a deadline still binds the case: the step it waits for is not done. */
export function stillRuns(state: CaseRecord, d: Deadline): boolean {
  if (d.name === 'registration') return state.status === 'clue';
  if (d.name === 'decision') return OPEN_STATES.includes(state.status);
  if (d.name === 'payment') return (state.decision?.penalty.fine ?? 0) > 0 && state.status === 'decided';
  return true;
}

/** The deadlines that still bind a case in its current state (what the clock sweep watches). */
export function bindingDeadlines(state: CaseRecord, calendar: WorkingCalendar, today: string): Deadline[] {
  return caseDeadlines(state, calendar, today).filter((d) => stillRuns(state, d));
}

/** A measure in force with the end of its period, and (emergency, not yet approved) when its approval is due. */
export interface MeasureDeadline {
  measure: Measure;
  due: string;
  provisional: boolean;
  pausedDays: number;
  approvalDueAt?: string;
}

/** The periods of the measures in force: what the clock sweep watches beside the case's deadlines. */
export function measureDeadlines(state: CaseRecord, calendar: WorkingCalendar, today: string): MeasureDeadline[] {
  return (state.measures ?? []).flatMap((m) => {
    if (m.state !== 'in-force') return [];
    const clock = measureDue(m, state.appraisals ?? [], calendar, today);
    if (clock === undefined) return [];
    const approval = approvalDueAt(m);
    return [{ measure: m, ...clock, ...(approval === undefined ? {} : { approvalDueAt: approval }) }];
  });
}

/** The next day the sweep has something to look at for this case (its index position on the clock). */
export function nextClockDay(state: CaseRecord, calendar: WorkingCalendar, today: string): string | undefined {
  const days = [
    ...bindingDeadlines(state, calendar, today).map((d) => d.due),
    ...measureDeadlines(state, calendar, today).flatMap((m) => [m.due, ...(m.approvalDueAt ? [chinaDay(m.approvalDueAt)] : [])]),
  ];
  return days.sort()[0];
}

/**
 * The clock sweep for one case (DESIGN §6): an event when a binding deadline is within `warnDays` or passed, each
 * once per deadline, due date and kind (a moved deadline warns again).
 */
export function clockEvents(
  state: CaseRecord,
  calendar: WorkingCalendar,
  today: string,
  warnDays: number,
  now = `${today}T23:59:59+08:00`,
): NewEvent[] {
  const out: NewEvent[] = [];
  const seen = new Set(state.clockAlerts ?? []);
  for (const d of bindingDeadlines(state, calendar, today)) {
    const kind = urgency(d, today, warnDays);
    if (kind === undefined || seen.has(`${d.name}:${d.due}:${kind}`)) continue;
    out.push(
      kind === 'passed'
        ? newEvent(E.DeadlinePassed, { deadline: d.name, due: d.due, provisional: d.provisional })
        : newEvent(E.DeadlineApproaching, { deadline: d.name, due: d.due, daysLeft: daysUntil(today, d.due), provisional: d.provisional }),
    );
    // A fine unpaid after its due date is a fact of its own (the risk alerts and, later, enforcement watch it).
    const fine = state.decision?.penalty.fine ?? 0;
    if (kind === 'passed' && d.name === 'payment' && fine > 0) {
      out.push(newEvent(E.PaymentOverdue, { due: d.due, fine, provisional: d.provisional }));
    }
  }
  out.push(...measureClockEvents(state, calendar, today, warnDays, now));
  return out;
}

/** The sweep's events for the measures in force: approval overdue (once), period ending soon or passed (once per end date). */
function measureClockEvents(state: CaseRecord, calendar: WorkingCalendar, today: string, warnDays: number, now: string): NewEvent[] {
  const out: NewEvent[] = [];
  const seen = new Set(state.clockAlerts ?? []);
  for (const m of measureDeadlines(state, calendar, today)) {
    const { measureId, kind: measureKind } = m.measure;
    // 行政强制法 §19: an emergency measure whose approval is not recorded within 24 hours is reported, once.
    if (m.approvalDueAt !== undefined && Date.parse(m.approvalDueAt) < Date.parse(now) && !seen.has(`approval:${measureId}`)) {
      out.push(newEvent(E.MeasureApprovalOverdue, { measureId, dueAt: m.approvalDueAt }));
    }
    const kind = urgency({ name: 'payment', due: m.due, provisional: m.provisional }, today, warnDays);
    if (kind === undefined || seen.has(`measure:${measureId}:${m.due}:${kind}`)) continue;
    out.push(
      kind === 'passed'
        ? newEvent(E.MeasureOverdue, { measureId, kind: measureKind, due: m.due, provisional: m.provisional })
        : newEvent(E.MeasureDeadlineApproaching, {
            measureId,
            kind: measureKind,
            due: m.due,
            daysLeft: daysUntil(today, m.due),
            provisional: m.provisional,
          }),
    );
  }
  return out;
}
