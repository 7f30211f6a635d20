import { RepairAccepted, RepairApplied, RepairExtended, RepairGranted, RepairRefused } from '#events/credit/credit-events.v1';
import type { NDRC_SEVERITIES, REPAIR_FIELDS, REPAIR_REGIMES } from '#events/credit/repair.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { type CreditClocks, type CreditDeadline, deadline, meet, swept } from './credit-clocks.ts';
import type { PenaltyType } from './rules.ts';

export type RepairRegime = (typeof REPAIR_REGIMES)[number];
export type RepairField = (typeof REPAIR_FIELDS)[number];
export type NdrcSeverity = (typeof NDRC_SEVERITIES)[number];

/**
 * Credit repair (信用修复) of a published penalty decision, by two rule sets an agency chooses between
 * (CREDIT_REPAIR_REGIME), each tested on its own:
 * - `samr`: 国市监信规〔2021〕3号 Art. 6 with 市场监督管理行政处罚信息公示规定 (总局令第45号) Art. 13–14: after 6 months of
 *   publication (a year in food, drugs and special equipment), the obligations performed, the harm removed, no penalty
 *   of the same kind since, and on neither list; never for suspension, licence revocation and the other measures Art. 14
 *   names; a warning or a small fine is published for 3 months only and simply expires. Accept 2, decide 15, stop
 *   publication 3 working days.
 * - `ndrc`: 失信行为纠正后的信用信息修复管理办法 (国家发展改革委令第36号, in force 2026-04-01): 轻微 information is
 *   published at most 3 months (it expires), 一般 from 3 months to 1 year (repairable after 3 months), 严重 from 1 to 3
 *   years (after 1 year). Accept 3, decide 7 working days, extended once by 10.
 */
export const REPAIR_RULES = {
  samr: {
    basis: '国市监信规〔2021〕3号第六条；《市场监督管理行政处罚信息公示规定》（总局令第45号）第十三条',
    months: 6,
    longFields: ['food', 'drugs', 'special-equipment'] as readonly RepairField[],
    longMonths: 12,
    neverRepaired: ['suspension', 'licence-revocation'] as readonly PenaltyType[],
    neverBasis: '《市场监督管理行政处罚信息公示规定》（总局令第45号）第十四条',
  },
  ndrc: {
    basis: '失信行为纠正后的信用信息修复管理办法 (国家发展改革委令第36号, 2026-04-01)',
    months: { minor: 0, general: 3, serious: 12 } as Record<NdrcSeverity, number>,
  },
} as const;

/** The states in which a repair application waits for the agency: to be accepted, then decided. */
export const REPAIR_WAITING: readonly RepairState['status'][] = ['applied', 'accepted'];

export interface RepairState {
  repairId: string;
  agency: string;
  uscc: string;
  caseId: string;
  regime: RepairRegime;
  field: RepairField;
  severity?: NdrcSeverity;
  publishedOn: string;
  earliest: string;
  reason: string;
  on: string;
  status: 'applied' | 'accepted' | 'refused' | 'granted';
  deadlines: CreditDeadline[];
  extended?: boolean;
  note?: string;
  closedOn?: string;
}

/** The fold of a repair's stream (DESIGN §4). */
export function evolveRepair(state: RepairState | undefined, event: { type: string; data: unknown }, agency: string): RepairState {
  if (event.type === RepairApplied.DETAIL_TYPE) {
    const d = dataOf(RepairApplied, event);
    return { ...d, agency, status: 'applied' };
  }
  if (state === undefined) throw new Error(`A repair stream must start with ${RepairApplied.DETAIL_TYPE}, not ${event.type}`);
  switch (event.type) {
    case RepairAccepted.DETAIL_TYPE: {
      const d = dataOf(RepairAccepted, event);
      return { ...state, status: 'accepted', note: d.note, deadlines: [...meet(state.deadlines, ['accept-repair'], d.on), ...d.deadlines] };
    }
    case RepairExtended.DETAIL_TYPE: {
      const d = dataOf(RepairExtended, event);
      // The extended period replaces the decision's deadline.
      return {
        ...state,
        extended: true,
        note: d.note,
        deadlines: [...state.deadlines.filter((x) => x.name !== 'decide-repair'), ...d.deadlines],
      };
    }
    case RepairRefused.DETAIL_TYPE: {
      const d = dataOf(RepairRefused, event);
      return {
        ...state,
        status: 'refused',
        note: d.note,
        closedOn: d.on,
        deadlines: meet(state.deadlines, ['accept-repair', 'decide-repair'], d.on),
      };
    }
    case RepairGranted.DETAIL_TYPE: {
      const d = dataOf(RepairGranted, event);
      return { ...state, status: 'granted', note: d.note, closedOn: d.on, deadlines: meet(state.deadlines, ['decide-repair'], d.on) };
    }
    default: {
      const deadlines = swept(state.deadlines, event);
      if (deadlines === undefined) throw new Error(`A repair stream holds no ${event.type}`);
      return { ...state, deadlines };
    }
  }
}

const fold = (state: RepairState | undefined, events: NewEvent[], agency: string) =>
  events.reduce<RepairState | undefined>((s, e) => evolveRepair(s, e, agency), state) as RepairState;

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.toISOString().slice(0, 10);
}

/** What the eligibility check reads: the decision, its publication, and the entity's profile since. */
export interface RepairSubject {
  decision: { on: string; types: readonly PenaltyType[] };
  publication?: { publishedOn: string; status: string; period: string; takedownOn: string; endedOn?: string };
  /** A penalty of the same kind decided after this one (its day), if any. */
  sameKindSince?: string;
  /** The lists the entity is on now. */
  listed: readonly string[];
}

/** NDRC Order 36's severity of a decision: 严重 for the heaviest measures, 轻微 for what is published 3 months only. */
export function ndrcSeverity(subject: RepairSubject): NdrcSeverity {
  if (subject.decision.types.some((t) => t === 'suspension' || t === 'licence-revocation')) return 'serious';
  return subject.publication?.period === '3 months' ? 'minor' : 'general';
}

/**
 * Whether a decision's publication may be repaired now, and from when: 409 with the article (and the earliest day)
 * when it may not, 400 when a condition the entity declares is not met.
 */
export function checkRepair(
  regime: RepairRegime,
  field: RepairField,
  subject: RepairSubject,
  declared: { obligationsPerformed: boolean; harmRemoved: boolean },
  today: string,
): { earliest: string; severity?: NdrcSeverity } {
  const p = subject.publication;
  if (p === undefined) throw new StateConflictError('The decision was never published: there is no publication to repair.');
  if (p.status !== 'live') throw new StateConflictError(`The decision's publication ended on ${p.endedOn ?? p.takedownOn} (${p.status}).`);
  let earliest: string;
  let severity: NdrcSeverity | undefined;
  if (regime === 'samr') {
    const rules = REPAIR_RULES.samr;
    const never = subject.decision.types.filter((t) => rules.neverRepaired.includes(t));
    if (never.length > 0) {
      throw new StateConflictError(`A decision of ${never.join(', ')} cannot be repaired (${rules.neverBasis}).`, {
        basis: rules.neverBasis,
      });
    }
    if (p.period === '3 months') {
      throw new StateConflictError(
        `A warning or a small fine is published for 3 months only: its publication ends by itself on ${p.takedownOn}.`,
      );
    }
    earliest = addMonths(p.publishedOn, rules.longFields.includes(field) ? rules.longMonths : rules.months);
  } else {
    severity = ndrcSeverity(subject);
    if (severity === 'minor') {
      throw new StateConflictError(
        `轻微 information is published for 3 months at most: it ends by itself on ${p.takedownOn} (${REPAIR_RULES.ndrc.basis}).`,
      );
    }
    earliest = addMonths(p.publishedOn, REPAIR_RULES.ndrc.months[severity]);
  }
  const basis = regime === 'samr' ? REPAIR_RULES.samr.basis : REPAIR_RULES.ndrc.basis;
  if (today < earliest)
    throw new StateConflictError(`Repair is possible from ${earliest}, after the minimum period of publication (${basis}).`, { earliest });
  if (subject.sameKindSince !== undefined) {
    throw new StateConflictError(`A penalty of the same kind was decided since, on ${subject.sameKindSince} (${basis}).`);
  }
  if (subject.listed.length > 0)
    throw new StateConflictError(`The entity is on the ${subject.listed.join(' and ')} list: repair it first (${basis}).`);
  if (!declared.obligationsPerformed)
    throw new RuleViolationError('obligationsPerformed', `the decision's obligations must be performed first (${basis})`);
  if (!declared.harmRemoved) throw new RuleViolationError('harmRemoved', `the harm must be removed first (${basis})`);
  return severity === undefined ? { earliest } : { earliest, severity };
}

const acceptWithin = (regime: RepairRegime, clocks: CreditClocks) =>
  regime === 'samr' ? clocks.repairAcceptWithin : clocks.ndrcRepairAcceptWithin;
const decideWithin = (regime: RepairRegime, clocks: CreditClocks) =>
  regime === 'samr' ? clocks.repairDecideWithin : clocks.ndrcRepairDecideWithin;
const basisOf = (regime: RepairRegime) => (regime === 'samr' ? REPAIR_RULES.samr.basis : REPAIR_RULES.ndrc.basis);

/** Records an application the check allowed, with its acceptance deadline. */
export function applyRepair(
  input: Omit<RepairState, 'status' | 'deadlines' | 'agency'> & { agency: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: RepairState } {
  const { agency, ...rest } = input;
  const deadlines = [deadline(calendar, 'accept-repair', input.on, acceptWithin(input.regime, clocks), basisOf(input.regime))];
  const events: NewEvent[] = [{ type: RepairApplied.DETAIL_TYPE, version: RepairApplied.VERSION, data: { ...rest, deadlines } }];
  return { events, state: fold(undefined, events, agency) };
}

/** Accepts (受理) an application, or does not. */
export function acceptRepair(
  state: RepairState,
  input: { accept: boolean; note: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: RepairState } {
  if (state.status !== 'applied') throw new StateConflictError(`The repair application is ${state.status} already.`);
  const events: NewEvent[] = input.accept
    ? [
        {
          type: RepairAccepted.DETAIL_TYPE,
          version: RepairAccepted.VERSION,
          data: {
            on: input.today,
            note: input.note,
            deadlines: [deadline(calendar, 'decide-repair', input.today, decideWithin(state.regime, clocks), basisOf(state.regime))],
          },
        },
      ]
    : [
        {
          type: RepairRefused.DETAIL_TYPE,
          version: RepairRefused.VERSION,
          data: { on: input.today, note: input.note, stage: 'acceptance' },
        },
      ];
  return { events, state: fold(state, events, state.agency) };
}

/** Decides an accepted application: grant, refuse, or (NDRC Order 36, once) extend the period by 10 working days. */
export function decideRepair(
  state: RepairState,
  input: { outcome: 'grant' | 'refuse' | 'extend'; note: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: RepairState } {
  if (state.status !== 'accepted') {
    throw new StateConflictError(
      state.status === 'applied'
        ? 'Accept the application first (受理), then decide it.'
        : `The repair application is ${state.status} already.`,
    );
  }
  let event: NewEvent;
  if (input.outcome === 'extend') {
    if (state.regime !== 'ndrc')
      throw new StateConflictError(`The SAMR rules give no extension of the ${clocks.repairDecideWithin} working days.`);
    if (state.extended === true) throw new StateConflictError('The period was extended once already.');
    const current = state.deadlines.find((d) => d.name === 'decide-repair');
    const extended = deadline(calendar, 'decide-repair', current?.due ?? input.today, clocks.ndrcRepairExtendBy, REPAIR_RULES.ndrc.basis);
    event = {
      type: RepairExtended.DETAIL_TYPE,
      version: RepairExtended.VERSION,
      data: { on: input.today, note: input.note, deadlines: [extended] },
    };
  } else if (input.outcome === 'refuse') {
    event = {
      type: RepairRefused.DETAIL_TYPE,
      version: RepairRefused.VERSION,
      data: { on: input.today, note: input.note, stage: 'decision' },
    };
  } else {
    event = {
      type: RepairGranted.DETAIL_TYPE,
      version: RepairGranted.VERSION,
      data: { uscc: state.uscc, caseId: state.caseId, on: input.today, note: input.note },
    };
  }
  return { events: [event], state: fold(state, [event], state.agency) };
}
