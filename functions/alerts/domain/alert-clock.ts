import { Escalated } from '#events/alerts/alert-events.v1';
import { TIMED_STEPS, type TimedStep } from '#events/alerts/values';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { type AlertState, AWAITED, isOpen, newAlertEvent } from './alert.ts';

/**
 * The alert's clocks on the Chinese working-day calendar (no national text fixes them: the rule's settings, DESIGN
 * §6). Each step is due its rule's working days after the step before it; overdue, it escalates once to the agency's
 * supervisor (督办, level 1) and, overdue by the same period again, to its admin (level 2). The business clock runs from
 * `raised` to `closed` over every step's period together, whatever happens in between (reassignments, reopenings).
 */
export interface StepDeadline {
  step: TimedStep;
  due: string;
  provisional: boolean;
  /** The day the second level falls due. */
  level2Due: string;
}

/** The deadline of the step the alert waits for now (none once closed or dismissed). */
export function currentDeadline(state: AlertState, calendar: WorkingCalendar): StepDeadline | undefined {
  const step = AWAITED[state.status];
  if (step === undefined) return undefined;
  const period = state.rule.deadlines[step];
  const due = calendar.addWorkingDays(state.stepSince, period);
  const level2 = calendar.addWorkingDays(due.date, period);
  return { step, due: due.date, provisional: due.provisional || level2.provisional, level2Due: level2.date };
}

/** The day the whole loop is due closed by (按期办结): every step's period from the day it was raised. */
export function closeBy(state: AlertState, calendar: WorkingCalendar): { date: string; provisional: boolean } {
  const total = TIMED_STEPS.reduce((sum, step) => sum + state.rule.deadlines[step], 0);
  return calendar.addWorkingDays(state.raisedOn, total);
}

/** The day acknowledgement was first due (按期签收). */
export const acknowledgeBy = (state: AlertState, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(state.raisedOn, state.rule.deadlines.acknowledge);

/** The escalations due by `today` and not yet recorded: at most one per cycle, step and level. */
export function escalationsDue(state: AlertState, calendar: WorkingCalendar, today: string): NewEvent[] {
  const d = currentDeadline(state, calendar);
  if (d === undefined) return [];
  const done = (level: 1 | 2) => state.escalations.some((e) => e.cycle === state.cycle && e.step === d.step && e.level === level);
  const out: NewEvent[] = [];
  if (today > d.due && !done(1)) {
    out.push(newAlertEvent(Escalated, { step: d.step, level: 1, to: 'supervisor', due: d.due, provisional: d.provisional, on: today }));
  }
  if (today > d.level2Due && !done(2)) {
    out.push(newAlertEvent(Escalated, { step: d.step, level: 2, to: 'admin', due: d.level2Due, provisional: d.provisional, on: today }));
  }
  return out;
}

/** The next day the sweep must look at the alert: the due day of the next level not yet escalated (none when closed). */
export function nextClockDay(state: AlertState, calendar: WorkingCalendar): string | undefined {
  if (!isOpen(state.status)) return undefined;
  const d = currentDeadline(state, calendar);
  if (d === undefined) return undefined;
  const done = (level: 1 | 2) => state.escalations.some((e) => e.cycle === state.cycle && e.step === d.step && e.level === level);
  if (!done(1)) return d.due;
  if (!done(2)) return d.level2Due;
  return undefined;
}

/** How an alert stands against its clocks today: what the list, the detail and the metrics show. */
export function clockView(state: AlertState, calendar: WorkingCalendar, today: string) {
  const d = currentDeadline(state, calendar);
  const by = closeBy(state, calendar);
  const ackBy = acknowledgeBy(state, calendar);
  return {
    ...(d === undefined ? {} : { awaiting: { step: d.step, due: d.due, provisional: d.provisional, overdue: today > d.due } }),
    acknowledgeBy: ackBy.date,
    closeBy: by.date,
    provisional: by.provisional || ackBy.provisional,
    acknowledgedOnTime: state.firstAcknowledged === undefined ? undefined : state.firstAcknowledged.on <= ackBy.date,
    closedOnTime: state.closed === undefined ? undefined : state.closed.on <= by.date,
    overdue: d !== undefined && today > d.due,
    escalationLevel: Math.max(0, ...state.escalations.filter((e) => e.cycle === state.cycle).map((e) => e.level)),
  };
}
