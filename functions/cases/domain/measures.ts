import type * as z from 'zod';
import type { DISPOSITIONS, MEASURE_KINDS, measureItem, RELEASE_REASONS } from '#events/cases/values';
import { daysBetween, type WorkingCalendar } from '#shared/calendar';
import { StateConflictError } from '#shared/errors';

/**
 * Coercive measures within a case (行政强制, DESIGN §6): sealing up (查封) and seizure (扣押) of premises, facilities or
 * goods (行政强制法 §22–§28), and evidence preservation (先行登记保存, 行政处罚法 §56). Pure: the step table of a
 * measure's own lifecycle, its periods on the official calendar, and the checks each step makes. A measure lives on its
 * case's record; its events are the case's.
 */
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type MeasureItem = z.output<typeof measureItem>;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];
export type Disposition = (typeof DISPOSITIONS)[number];

export const MEASURE_STATES = ['pending-approval', 'in-force', 'refused', 'released', 'handed-over'] as const;
export type MeasureState = (typeof MEASURE_STATES)[number];

export interface Measure {
  measureId: string;
  kind: MeasureKind;
  items: MeasureItem[];
  reason: string;
  /** Taken on the spot before approval (行政强制法 §19): in force at once, approval due within 24 hours. */
  emergency: boolean;
  takenAt: string;
  takenOn: string;
  state: MeasureState;
  /** The day the period starts: the day taken (emergency) or approved. */
  startOn?: string;
  approval?: { approved: boolean; at: string; on: string; late: boolean; by: string; opinion: string };
  extension?: { days: number; on: string; reason: string };
  released?: { on: string; reason: ReleaseReason; disposition: Disposition; note: string };
}

/** The statutory periods (fixed by the laws, not settings). */
export const MEASURE_PERIODS = {
  /** 行政强制法 §25: at most 30 days, extended once by at most 30 with approval; testing time not counted. */
  days: 30,
  extensionDays: 30,
  /** 行政处罚法 §56 with §85 (七日 are working days): the decision on preserved evidence within 7 days. */
  preservationWorkingDays: 7,
  /** 行政强制法 §19: an emergency measure's approval sought within 24 hours. */
  emergencyApprovalHours: 24,
} as const;

export const LEGAL_BASIS: Record<MeasureKind, string> = {
  seal: '行政强制法 §22–§28 (查封)',
  seize: '行政强制法 §22–§28 (扣押)',
  preserve: '行政处罚法 §56 (先行登记保存)',
};

/** A measure's lifecycle as a table (the model-based test walks it beside the case's). */
export const MEASURE_STEPS = {
  approve: { from: ['pending-approval', 'in-force'], basis: '行政强制法 §18–§19' },
  extend: { from: ['in-force'], basis: '行政强制法 §25' },
  release: { from: ['in-force'], basis: '行政强制法 §27–§28; 行政处罚法 §56' },
} as const satisfies Record<string, { from: readonly MeasureState[]; basis: string }>;
export type MeasureStep = keyof typeof MEASURE_STEPS;

/** The measure a step names, or 404-like refusal in words: a measure id not on this case. */
export function measureOf(measures: readonly Measure[] | undefined, measureId: string): Measure {
  const found = (measures ?? []).find((m) => m.measureId === measureId);
  if (found === undefined) {
    const known = (measures ?? []).map((m) => m.measureId);
    throw new StateConflictError(
      `This case has no measure ${measureId}${known.length > 0 ? `; its measures are ${known.join(', ')}` : ''}.`,
      { measures: known },
    );
  }
  return found;
}

/** Whether the measure's state allows a step (the step table's from-states). */
export const allowsStep = (m: Measure, step: MeasureStep): boolean =>
  (MEASURE_STEPS[step].from as readonly MeasureState[]).includes(m.state);
const DONE: Record<MeasureStep, string> = { approve: 'approved', extend: 'extended', release: 'released' };

/** 409 when a step is not allowed from the measure's state, naming the state and the steps allowed. */
export function checkStep(m: Measure, step: MeasureStep): void {
  if (allowsStep(m, step)) return;
  const allowed = (Object.keys(MEASURE_STEPS) as MeasureStep[]).filter((s) => allowsStep(m, s));
  throw new StateConflictError(`Measure ${m.measureId} is ${m.state}: it cannot be ${DONE[step]} (${MEASURE_STEPS[step].basis}).`, {
    measureState: m.state,
    measureSteps: allowed,
  });
}

/** An emergency measure still waiting for its approval: the instant it is due. */
export function approvalDueAt(m: Measure): string | undefined {
  if (!m.emergency || m.approval !== undefined || m.state !== 'in-force') return undefined;
  return new Date(Date.parse(m.takenAt) + MEASURE_PERIODS.emergencyApprovalHours * 3_600_000).toISOString();
}

/** Whether an approval given at `at` came more than 24 hours after the emergency measure (§19). */
export const approvalLate = (m: Measure, at: string): boolean =>
  m.emergency && Date.parse(at) - Date.parse(m.takenAt) > MEASURE_PERIODS.emergencyApprovalHours * 3_600_000;

/**
 * Calendar days of testing or appraisal (检测、检验、检疫、技术鉴定) inside the measure's period, which §25 does not
 * count: the case's appraisals from the day the measure took effect (one under way counts up to `today`).
 */
export function pausedDays(m: Measure, appraisals: readonly { from: string; to?: string }[], today: string): number {
  if (m.kind === 'preserve' || m.startOn === undefined) return 0;
  const start = m.startOn;
  return appraisals.reduce((n, a) => {
    const from = [a.from, start].sort()[1] as string;
    const to = a.to ?? today;
    return to < from ? n : n + daysBetween(from, to) + 1;
  }, 0);
}

export interface MeasureClock {
  due: string;
  provisional: boolean;
  pausedDays: number;
}

/** When the measure's period ends: 30 days (+ its extension, + testing time) or 7 working days for preservation. */
export function measureDue(
  m: Measure,
  appraisals: readonly { from: string; to?: string }[],
  calendar: WorkingCalendar,
  today: string,
): MeasureClock | undefined {
  if (m.startOn === undefined) return undefined;
  if (m.kind === 'preserve') {
    const r = calendar.addWorkingDays(m.startOn, MEASURE_PERIODS.preservationWorkingDays);
    return { due: r.date, provisional: r.provisional, pausedDays: 0 };
  }
  const paused = pausedDays(m, appraisals, today);
  const r = calendar.addCalendarDays(m.startOn, MEASURE_PERIODS.days + (m.extension?.days ?? 0) + paused);
  return { due: r.date, provisional: r.provisional, pausedDays: paused };
}

/** 409 citing §25 for an extension the law does not allow; the days it may have otherwise. */
export function checkExtension(m: Measure, days: number, clock: MeasureClock | undefined, today: string): void {
  if (m.kind === 'preserve') {
    throw new StateConflictError(
      'Evidence preservation is not extended: the decision on preserved evidence is due within 7 working days (行政处罚法 §56); release it or take a sealing or seizure instead.',
    );
  }
  if (m.extension !== undefined) {
    throw new StateConflictError(
      `Measure ${m.measureId} was extended once already on ${m.extension.on}: 行政强制法 §25 allows one extension.`,
      { extendedOn: m.extension.on },
    );
  }
  if (days > MEASURE_PERIODS.extensionDays) {
    throw new StateConflictError(
      `An extension is at most ${MEASURE_PERIODS.extensionDays} days (行政强制法 §25); ${days} were asked for.`,
      { maxDays: MEASURE_PERIODS.extensionDays },
    );
  }
  if (m.emergency && m.approval === undefined) {
    throw new StateConflictError(`Measure ${m.measureId} was taken in an emergency and is not approved yet: record the approval first.`, {
      measureSteps: ['approve'],
    });
  }
  if (clock !== undefined && today > clock.due) {
    throw new StateConflictError(
      `Measure ${m.measureId}'s period ended on ${clock.due}: a measure is extended before its period ends (行政强制法 §25); release it.`,
      { due: clock.due, measureSteps: ['release'] },
    );
  }
}

/** The things under a measure go back, are confiscated by the decision, or pass into a sealing or seizure. */
export function checkDisposition(m: Measure, disposition: Disposition, decidedTypes: readonly string[] | undefined): void {
  if (disposition === 'confiscated' && !(decidedTypes ?? []).includes('confiscation')) {
    throw new StateConflictError(
      'The things can be kept as confiscated only when the decision confiscates them (行政强制法 §28: otherwise they are returned).',
      { disposition },
    );
  }
  if (disposition === 'converted' && m.kind !== 'preserve') {
    throw new StateConflictError('Only preserved evidence is converted into a sealing or seizure (行政处罚法 §56).', { disposition });
  }
}

/** The measures that bind a case now: in force (their things are held). */
export const inForce = (measures: readonly Measure[] | undefined) => (measures ?? []).filter((m) => m.state === 'in-force');

/** 409 for a step that would leave things sealed or seized on a case that ends without them (§28). */
export function checkNoneInForce(measures: readonly Measure[] | undefined, step: string): void {
  const held = inForce(measures).map((m) => m.measureId);
  if (held.length > 0) {
    throw new StateConflictError(`Measures in force on this case (${held.join(', ')}) are released before '${step}' (行政强制法 §28).`, {
      measures: held,
      allowed: ['release-measure'],
    });
  }
}
