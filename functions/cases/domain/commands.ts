import * as z from 'zod';
import * as E from '#events/cases/case-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import type { Parsed } from '#shared/http-contract';
import { type CaseOpening, type CaseRecord, COMMAND_EVENT, newEvent, openCase, withEvents } from './case-record.ts';
import { deadlines } from './clocks.ts';
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

const note = z.strictObject({ note: z.string().max(4000).optional() });
const reason = z.strictObject({ reason: z.string().min(1).max(4000) });

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
} as const satisfies Record<CaseCommand, z.ZodType>;

/** What a command's body parses to (the same type a route's contract gives its parsed body). */
export type CommandInput<C extends CaseCommand> = Parsed<(typeof COMMAND_BODIES)[C] | undefined>;
/** What the event a command records carries. */
type Recorded<C extends CaseCommand> = z.output<(typeof COMMAND_EVENT)[C]['data']>;

export interface CaseRules {
  discretion: DiscretionTable;
  majorRule: MajorCaseRule;
}
const DEFAULT_RULES: CaseRules = { discretion: DEFAULT_DISCRETION, majorRule: DEFAULT_MAJOR_RULE };

/** What a command's rule sees besides its input. */
interface Given {
  state: CaseRecord;
  today: string;
  calendar: WorkingCalendar;
  rules: CaseRules;
}

const openAppraisal = (state: CaseRecord) => (state.appraisals ?? []).find((a) => a.to === undefined);

/**
 * The typed command table: for each command, the data of the event it records from its input, or why it may not be
 * given now (§58 review, §64 hearing request window, the discretion table, a single extension, appraisal periods).
 */
const RECORD: { [C in CaseCommand]: (input: CommandInput<C>, given: Given) => Recorded<C> } = {
  register: (input, { today }) => ({ on: today, note: input.note ?? '' }),
  decline: (input) => ({ reason: input.reason }),
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
  'record-payment': (input, { today }) => ({ on: today, amount: input.amount }),
  close: (input) => ({ note: input.note ?? '' }),
  terminate: (input) => ({ reason: input.reason }),
  transfer: (input) => ({ to: input.to, reason: input.reason }),
  'start-appraisal': (input, { state, today }) => {
    if (openAppraisal(state) !== undefined) throw new StateConflictError('An expert appraisal is under way already.');
    return { on: today, subject: input.subject };
  },
  'end-appraisal': (input, { state, today }) => {
    if (openAppraisal(state) === undefined) throw new StateConflictError('No expert appraisal is under way.');
    return { on: today, outcome: input.outcome };
  },
  revoke: (input, { today }) => ({ on: today, reason: input.reason }),
  'flag-complex': (input, { state }) => {
    if (state.flaggedComplex) throw new StateConflictError('The case is flagged complex already.');
    return { reason: input.reason };
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
  on: { today: string; calendar: WorkingCalendar },
  rules: CaseRules = DEFAULT_RULES,
): { events: NewEvent[]; state: CaseRecord } {
  transition(state.status, command, by.roles);
  const record: (input: CommandInput<C>, given: Given) => Recorded<C> = RECORD[command];
  const { DETAIL_TYPE, VERSION } = COMMAND_EVENT[command];
  const events: NewEvent[] = [{ type: DETAIL_TYPE, version: VERSION, data: record(input, { state, rules, ...on }) }];
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
