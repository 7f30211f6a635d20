import { addCalendarDays, addWorkingDays } from '#shared/working-days';

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
}

export interface Deadline {
  name: 'registration' | 'decision' | 'hearing-request' | 'payment';
  due: string;
  /** Past the calendar data the package holds: counted on weekends alone. */
  provisional: boolean;
}

export const daysUntil = (from: string, to: string) => daysBetween(from, to);
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const at = (name: Deadline['name'], result: { date: string; provisional: boolean }): Deadline => ({
  name,
  due: result.date,
  provisional: result.provisional,
});

export async function deadlines(facts: ClockFacts, settings = CLOCK_DEFAULTS): Promise<Deadline[]> {
  const out: Deadline[] = [];
  if (facts.registeredOn === undefined) {
    out.push(at('registration', await addWorkingDays(facts.clueOn, settings.registrationWorkingDays)));
  } else {
    const suspended = (facts.suspensions ?? []).reduce((n, s) => n + daysBetween(s.from, s.to) + 1, 0);
    const days = settings.decisionDays + (facts.extended ? settings.extensionDays : 0) + suspended;
    out.push(at('decision', await addCalendarDays(facts.registeredOn, days)));
  }
  if (facts.notifiedOn !== undefined) {
    out.push(at('hearing-request', await addWorkingDays(facts.notifiedOn, settings.hearingRequestWorkingDays)));
  }
  if (facts.servedOn !== undefined) out.push(at('payment', await addCalendarDays(facts.servedOn, settings.paymentDays)));
  return out;
}

/** A deadline within `warnDays` (default 10) or passed, as the sweep reports it. */
export function urgency(deadline: Deadline, today: string, warnDays = 10): 'passed' | 'near' | undefined {
  const left = daysBetween(today, deadline.due);
  if (left < 0) return 'passed';
  return left <= warnDays ? 'near' : undefined;
}
