import * as z from 'zod';
import * as E from '#events/cases/case-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import type { Parsed } from '#shared/http-contract';
import { type CaseOpening, type CaseRecord, COMMAND_EVENT, newEvent, openCase, withEvents } from './case-record.ts';
import { deadlines, fineFactsOf } from './clocks.ts';
import {
  accrual,
  applyPayment,
  checkCourtApplication,
  checkSchedule,
  courtWindow,
  ENFORCEMENT_DEFAULTS,
  type EnforcementSettings,
} from './enforcement.ts';
import {
  DEFAULT_DISCRETION,
  DEFAULT_MAJOR_RULE,
  type DiscretionTable,
  type MajorCaseRule,
  majorReasons,
  outsideDiscretion,
  type ProposedPenalty,
  simpleProcedureProblem,
} from './legal-rules.ts';
import { type CaseCommand, type CaseRole, transition } from './lifecycle.ts';
import {
  approvalLate,
  checkDisposition,
  checkExtension,
  checkNoneInForce,
  checkStep,
  inForce,
  type MeasureItem,
  measureDue,
  measureOf,
} from './measures.ts';

const note = z.strictObject({ note: z.string().max(4000).optional() });
const reason = z.strictObject({ reason: z.string().min(1).max(4000) });
const measureId = z.string().min(1).max(100);
/** A listed item as the officer sends it: its photos are evidence ids uploaded to the case first (POST /cases/{id}/uploads). */
const listedItem = E.measureItem.extend({ photos: z.array(z.string().min(1).max(100)).min(1).max(20) });
const listed = {
  items: z.array(listedItem).min(1).max(200).describe('the list of things (清单), each with at least one photo'),
  reason: z.string().min(1).max(4000),
  emergency: z.boolean().default(false).describe('taken on the spot before approval: approval due within 24 hours (行政强制法 §19)'),
};
const yuan = z.number().positive().max(10_000_000_000);

/** The body each lifecycle command takes: the HTTP contracts and openapi.yaml are built from it, and so is its type. */
export const COMMAND_BODIES = {
  register: note,
  decline: reason,
  investigate: note,
  notify: z.strictObject({ proposed: E.penalty }),
  'record-statement': z.strictObject({ statement: z.string().min(1).max(8000) }),
  'request-hearing': z.strictObject({}),
  'hold-hearing': z.strictObject({ from: z.iso.date(), to: z.iso.date(), summary: z.string().min(1).max(8000) }),
  'submit-for-review': note,
  review: z.strictObject({ approved: z.boolean(), opinion: z.string().min(1).max(8000) }),
  extend: reason,
  decide: z.strictObject({
    penalty: E.penalty.optional(),
    reason: z.string().max(4000).optional(),
    documentNumber: E.documentNumber.optional(),
  }),
  serve: z.strictObject({}),
  'record-payment': z.strictObject({ amount: z.number().nonnegative() }),
  close: note,
  terminate: reason,
  transfer: z.strictObject({ to: z.string().min(1).max(200), reason: z.string().min(1).max(4000) }),
  'start-appraisal': z.strictObject({ subject: z.string().min(1).max(4000) }),
  'end-appraisal': z.strictObject({ outcome: z.string().max(4000).default('') }),
  revoke: reason,
  'flag-complex': reason,
  'take-measure': z.strictObject({ kind: z.enum(['seal', 'seize']), ...listed }),
  'preserve-evidence': z.strictObject(listed),
  'approve-measure': z.strictObject({ measureId, approved: z.boolean(), opinion: z.string().min(1).max(4000) }),
  'extend-measure': z.strictObject({
    measureId,
    days: z.number().int().min(1).max(366).describe('at most 30 (行政强制法 §25); more is refused with 409'),
    reason: z.string().min(1).max(4000),
  }),
  'release-measure': z.strictObject({
    measureId,
    reason: z.enum(['no-violation', 'unrelated', 'decided', 'period-ended', 'no-longer-needed']).describe('行政强制法 §28 (一)–(五)'),
    disposition: z.enum(['returned', 'confiscated', 'converted']).default('returned'),
    note: z.string().max(4000).default(''),
  }),
  'approve-instalments': z.strictObject({
    instalments: z
      .array(z.strictObject({ due: z.iso.date(), amount: yuan }))
      .min(1)
      .max(36),
    reason: z.string().min(1).max(4000),
  }),
  'remind-payment': note,
  'record-appeal': z.strictObject({
    kind: z.enum(['review', 'lawsuit']),
    on: z.iso.date(),
    outcome: z.enum(['pending', 'upheld', 'changed', 'revoked']).default('pending'),
    note: z.string().max(4000).default(''),
  }),
  'apply-court-enforcement': z.strictObject({ court: z.string().min(1).max(200) }),
  'record-receipt': z.strictObject({
    organ: z.string().min(1).max(200).optional().describe('defaults to the organ the case was transferred to'),
    receivedOn: z.iso.date(),
    receiptNumber: z.string().min(1).max(100),
    note: z.string().max(4000).default(''),
  }),
} as const satisfies Record<CaseCommand, z.ZodType>;

/** What a command's body parses to (the same type a route's contract gives its parsed body). */
export type CommandInput<C extends CaseCommand> = Parsed<(typeof COMMAND_BODIES)[C] | undefined>;
/** What the event a command records carries. */
type Recorded<C extends CaseCommand> = z.output<(typeof COMMAND_EVENT)[C]['data']>;

export interface CaseRules {
  discretion: DiscretionTable;
  majorRule: MajorCaseRule;
  enforcement?: EnforcementSettings;
}
const DEFAULT_RULES: CaseRules = { discretion: DEFAULT_DISCRETION, majorRule: DEFAULT_MAJOR_RULE };

/** What a command found outside the case before it was given: the uploads it names, the file a transfer hands over. */
export interface Found {
  /** The photos uploaded to the case, as the server hashed them, by evidence id. */
  photos?: ReadonlyMap<string, z.output<typeof E.measureItem>['photos'][number]>;
  /** The export of the timeline as it stands (a transfer hands it over). */
  file?: { events: number; headHash: string; sha256: string; bytes: number };
}

/** What a command's rule sees besides its input. */
interface Given {
  state: CaseRecord;
  today: string;
  /** The instant the command is given (an emergency measure's 24 hours are counted from it). */
  now: string;
  calendar: WorkingCalendar;
  rules: CaseRules;
  found: Found;
}

const enforcementOf = (rules: CaseRules) => rules.enforcement ?? ENFORCEMENT_DEFAULTS;

/** The listed items with the photos the server hashed; 400 for a photo that was never uploaded to this case. */
function itemsWithPhotos(items: CommandInput<'preserve-evidence'>['items'], found: Found): MeasureItem[] {
  return items.map((item, i) => ({
    ...item,
    photos: item.photos.map((id, j) => {
      const photo = found.photos?.get(id);
      if (photo === undefined) {
        throw new RuleViolationError(
          `items.${i}.photos.${j}`,
          `nothing was uploaded to this case as ${id}; PUT the photo to its upload URL first`,
        );
      }
      return photo;
    }),
  }));
}

const measureTaken = (
  input: CommandInput<'preserve-evidence'>,
  kind: 'seal' | 'seize' | 'preserve',
  { state, today, now, found }: Given,
) => ({
  measureId: `m-${(state.measures?.length ?? 0) + 1}`,
  kind,
  items: itemsWithPhotos(input.items, found),
  reason: input.reason,
  emergency: input.emergency,
  at: now,
  on: today,
});

/** What is owed and when, for the enforcement steps; 409 when the decision carries no fine. */
function owing({ state, calendar, today, rules }: Given) {
  if ((state.decision?.penalty.fine ?? 0) <= 0) throw new StateConflictError('The decision imposes no fine.');
  const facts = fineFactsOf(state, calendar);
  return { facts, now: accrual(facts, today, enforcementOf(rules).surchargeBpPerDay) };
}

/** 409 unless some of the fine is past its due date and unpaid (a reminder and the court come only after that). */
function checkOverdue(now: ReturnType<typeof accrual>, today: string): void {
  if (now.owed <= 0) throw new StateConflictError('Nothing is owed: the fine and its surcharge are paid.');
  if (now.nextDue === undefined || now.nextDue >= today) {
    throw new StateConflictError(
      now.nextDue === undefined
        ? 'The decision has not been served: nothing is due yet.'
        : `Nothing is overdue: the fine falls due on ${now.nextDue}.`,
      now.nextDue === undefined ? {} : { due: now.nextDue },
    );
  }
}

const pendingAppeal = (state: CaseRecord) => {
  const latest = new Map((state.appeals ?? []).map((a) => [a.kind, a]));
  return [...latest.values()].find((a) => a.outcome === 'pending');
};

const openAppraisal = (state: CaseRecord) => (state.appraisals ?? []).find((a) => a.to === undefined);

/**
 * The typed command table: for each command, the data of the event it records from its input, or why it may not be
 * given now (§58 review, §64 hearing request window, the discretion table, a single extension, appraisal periods).
 */
const RECORD: { [C in CaseCommand]: (input: CommandInput<C>, given: Given) => Recorded<C> } = {
  register: (input, { today }) => ({ on: today, note: input.note ?? '' }),
  decline: (input, { state }) => {
    checkNoneInForce(state.measures, 'decline');
    return { reason: input.reason };
  },
  investigate: (input) => ({ note: input.note ?? '' }),
  notify: (input, { today }) => ({ on: today, proposed: input.proposed }),
  'record-statement': (input) => ({ statement: input.statement }),
  'request-hearing': (_, { state, today, calendar }) => {
    // 行政处罚法 §64: a hearing is requested within 5 working days of the notification.
    const due = deadlines({ clueOn: state.clueOn, notifiedOn: state.notifiedOn ?? today }, calendar).find(
      (d) => d.name === 'hearing-request',
    );
    if (due !== undefined && today > due.due) {
      throw new StateConflictError(
        `The hearing request came after its deadline of ${due.due} (5 working days after notification, 行政处罚法 §64).`,
      );
    }
    return { on: today };
  },
  'hold-hearing': ({ from, to, summary }, { today }) => {
    if (from > to) throw new RuleViolationError('to', 'a hearing ends on or after the day it starts');
    if (to > today) throw new RuleViolationError('to', `a hearing is recorded once held; ${to} is after today (${today})`);
    return { from, to, summary };
  },
  'submit-for-review': (input) => ({ note: input.note ?? '' }),
  review: (input) => ({ approved: input.approved, opinion: input.opinion }),
  extend: (input, { state }) => {
    if (state.extended)
      throw new StateConflictError('The decision deadline was extended once already (行政处罚法 §60 allows one extension).');
    return { days: 30, reason: input.reason };
  },
  decide: (input, given) => decision(input, given),
  serve: (_, { today }) => ({ on: today }),
  'record-payment': (input, given) => {
    const { state, today, calendar, rules } = given;
    if ((state.decision?.penalty.fine ?? 0) <= 0) return { on: today, amount: input.amount };
    const applied = applyPayment(fineFactsOf(state, calendar), today, input.amount, enforcementOf(rules).surchargeBpPerDay);
    return { on: today, amount: input.amount, fine: applied.fine, surcharge: applied.surcharge, outstanding: applied.outstanding };
  },
  close: (input) => ({ note: input.note ?? '' }),
  terminate: (input, { state }) => {
    checkNoneInForce(state.measures, 'terminate');
    return { reason: input.reason };
  },
  // 行刑衔接: the file handed over (the timeline's export sealed by its chain head) and the measures in force with it.
  transfer: (input, { state, found }) => ({
    to: input.to,
    reason: input.reason,
    ...(found.file === undefined ? {} : { file: { ...found.file, measures: inForce(state.measures).map((m) => m.measureId) } }),
  }),
  'start-appraisal': (input, { state, today }) => {
    if (openAppraisal(state) !== undefined) throw new StateConflictError('An expert appraisal is under way already.');
    return { on: today, subject: input.subject };
  },
  'end-appraisal': (input, { state, today }) => {
    if (openAppraisal(state) === undefined) throw new StateConflictError('No expert appraisal is under way.');
    return { on: today, outcome: input.outcome };
  },
  revoke: (input, { state, today }) => {
    checkNoneInForce(state.measures, 'revoke');
    return { on: today, reason: input.reason };
  },
  'flag-complex': (input, { state }) => {
    if (state.flaggedComplex) throw new StateConflictError('The case is flagged complex already.');
    return { reason: input.reason };
  },
  'take-measure': (input, given) => measureTaken(input, input.kind, given),
  'preserve-evidence': (input, given) => measureTaken(input, 'preserve', given),
  'approve-measure': (input, { state, today, now }) => {
    const m = measureOf(state.measures, input.measureId);
    checkStep(m, 'approve');
    if (m.approval !== undefined) throw new StateConflictError(`Measure ${m.measureId} was approved on ${m.approval.on} already.`);
    return { measureId: m.measureId, approved: input.approved, opinion: input.opinion, at: now, on: today, late: approvalLate(m, now) };
  },
  'extend-measure': (input, { state, today, calendar }) => {
    const m = measureOf(state.measures, input.measureId);
    checkStep(m, 'extend');
    const appraisals = state.appraisals ?? [];
    checkExtension(m, input.days, measureDue(m, appraisals, calendar, today), today);
    const extended = { ...m, extension: { days: input.days, on: today, reason: input.reason } };
    const due = measureDue(extended, appraisals, calendar, today)?.due ?? today;
    return { measureId: m.measureId, days: input.days, reason: input.reason, on: today, due };
  },
  'release-measure': (input, { state, today }) => {
    const m = measureOf(state.measures, input.measureId);
    checkStep(m, 'release');
    checkDisposition(m, input.disposition, state.decision?.penalty.types);
    return { measureId: m.measureId, on: today, reason: input.reason, disposition: input.disposition, note: input.note };
  },
  'approve-instalments': (input, given) => {
    const { now } = owing(given);
    if (now.surcharge - now.surchargePaid > 0) {
      throw new StateConflictError(
        `A surcharge of ¥${now.surcharge - now.surchargePaid} has accrued: instalments are approved before the fine falls overdue (行政处罚法 §66).`,
      );
    }
    const problem = checkSchedule(input.instalments, now.fineOutstanding, given.today);
    if (problem !== undefined) throw new RuleViolationError('instalments', problem);
    return { instalments: input.instalments, reason: input.reason, on: given.today };
  },
  'remind-payment': (input, given) => {
    checkOverdue(owing(given).now, given.today);
    return { on: given.today, note: input.note ?? '' };
  },
  'record-appeal': (input, { state, today }) => {
    if (input.on > today) throw new RuleViolationError('on', `${input.on} is after today (${today})`);
    if (input.outcome !== 'pending' && pendingAppeal(state)?.kind !== input.kind) {
      throw new StateConflictError(`No ${input.kind} is pending on this case: record it as pending first.`);
    }
    return { kind: input.kind, on: input.on, outcome: input.outcome, note: input.note };
  },
  'apply-court-enforcement': (input, given) => {
    const { state, today, calendar, rules } = given;
    const { now } = owing(given);
    checkOverdue(now, today);
    if (state.servedOn === undefined) throw new StateConflictError('The decision has not been served.');
    const window = courtWindow(state.servedOn, state.reminders ?? [], calendar, enforcementOf(rules));
    checkCourtApplication(window, today, now.owed, pendingAppeal(state), enforcementOf(rules));
    const surcharge = Math.round((now.surcharge - now.surchargePaid) * 100) / 100;
    return { on: today, court: input.court, fine: now.fineOutstanding, surcharge, earliest: window.earliest };
  },
  'record-receipt': (input, { state, today }) => {
    if (state.transfer?.receipt !== undefined) {
      throw new StateConflictError(
        `The receipt was recorded on ${state.transfer.receipt.on} already (${state.transfer.receipt.receiptNumber}).`,
      );
    }
    if (input.receivedOn > today) throw new RuleViolationError('receivedOn', `${input.receivedOn} is after today (${today})`);
    return { on: input.receivedOn, organ: input.organ ?? state.transfer?.to ?? '', receiptNumber: input.receiptNumber, note: input.note };
  },
};

/** A decision's record, or why it may not be given yet (§58 review, an appraisal under way, the discretion table). */
function decision(input: CommandInput<'decide'>, { state, today, rules }: Given): Recorded<'decide'> {
  const penalty = input.penalty ?? state.proposed;
  if (penalty === undefined) throw new RuleViolationError('penalty', 'a decision names its penalty');
  if (openAppraisal(state) !== undefined) {
    throw new StateConflictError('An expert appraisal is under way: record its end before the decision.', { allowed: ['end-appraisal'] });
  }
  const major = majorReasons(
    penalty,
    state.party.kind,
    { hearingHeld: state.hearing?.from !== undefined, flaggedComplex: state.flaggedComplex },
    rules.majorRule,
  );
  if (major.length > 0 && state.review?.approved !== true) {
    throw new StateConflictError(
      `This is a major case (${major.join('; ')}): 行政处罚法 §58 requires an approved legal review (法制审核) before the decision.`,
      { major, allowed: ['submit-for-review'] },
    );
  }
  const outside = outsideDiscretion(penalty, rules.discretion);
  const reasonGiven = input.reason ?? '';
  if (outside !== undefined && reasonGiven.trim() === '') {
    throw new RuleViolationError('reason', `${outside}; a penalty outside the discretion table (裁量基准) needs a written reason`);
  }
  const documentNumber = input.documentNumber === undefined ? {} : { documentNumber: input.documentNumber };
  return { on: today, penalty, reason: reasonGiven, major, ...documentNumber };
}

/**
 * Gives one lifecycle command: the lifecycle decides whether it may be given (409 with the allowed steps, 403 for
 * the role); the command table decides what it records. The new state is the fold of the new events.
 */
export function give<C extends CaseCommand>(
  state: CaseRecord,
  command: C,
  input: CommandInput<C>,
  by: { id: string; roles: readonly CaseRole[] },
  on: { today: string; now?: string; calendar: WorkingCalendar },
  rules: CaseRules = DEFAULT_RULES,
  found: Found = {},
): { events: NewEvent[]; state: CaseRecord } {
  transition(state.status, command, by.roles);
  const record: (input: CommandInput<C>, given: Given) => Recorded<C> = RECORD[command];
  const { DETAIL_TYPE, VERSION } = COMMAND_EVENT[command];
  const given = { state, rules, found, today: on.today, now: on.now ?? `${on.today}T12:00:00+08:00`, calendar: on.calendar };
  const events: NewEvent[] = [{ type: DETAIL_TYPE, version: VERSION, data: record(input, given) }];
  return { events, state: withEvents(state, events, by.id) };
}

/**
 * 简易程序 (行政处罚法 §51–§52): an inspector decides on the spot a warning or a fine within ¥200 for a person or
 * ¥3,000 for an organisation, and serves the decision there; the case starts as decided and served.
 */
export function decideOnTheSpot(
  input: CaseOpening & { penalty: ProposedPenalty },
  today: string,
): { events: NewEvent[]; state: CaseRecord } {
  const problem = simpleProcedureProblem(input.penalty, input.party.kind);
  if (problem !== undefined) throw new RuleViolationError('penalty', problem);
  const { penalty, ...record } = input;
  const opened = openCase(record);
  const events = [
    newEvent(E.PenaltyDecided, { on: today, penalty, reason: 'simple procedure (行政处罚法 §51)', major: [] }),
    newEvent(E.DecisionServed, { on: today }),
  ];
  return { events: [...opened.events, ...events], state: withEvents(opened.state, events) };
}
