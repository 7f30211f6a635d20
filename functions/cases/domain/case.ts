import * as E from '#events/cases/case-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { type Deadline, daysUntil, deadlines, urgency } from './clocks.ts';
import {
  DEFAULT_MAJOR_RULE,
  type DiscretionTable,
  type MajorCaseRule,
  majorReasons,
  outsideDiscretion,
  type ProposedPenalty,
  simpleProcedureProblem,
} from './legal-rules.ts';
import {
  CASE_COMMANDS,
  type CaseCommand,
  type CaseRole,
  type CaseState,
  IllegalTransitionError,
  OPEN_STATES,
  RoleNotAllowedError,
  STEPS,
  transition,
} from './lifecycle.ts';

export interface CaseRecord {
  caseId: string;
  agency: string;
  jurisdiction: string;
  entity: string;
  party: { kind: 'person' | 'organisation'; name: string };
  source: { kind: 'inspection' | 'complaint' | 'alert' | 'external'; ref: string };
  summary: string;
  status: CaseState;
  clueOn: string;
  registeredOn?: string;
  notifiedOn?: string;
  proposed?: ProposedPenalty;
  hearing?: { requestedOn: string; from?: string; to?: string };
  review?: { approved: boolean; opinion: string; by: string };
  extended: boolean;
  flaggedComplex: boolean;
  decision?: { on: string; penalty: ProposedPenalty; reason: string; major: string[]; documentNumber?: string };
  servedOn?: string;
  paid?: { on: string; amount: number };
  statements: number;
  /** Expert appraisals (鉴定): their time does not count toward the decision deadline; `to` absent while under way. */
  appraisals?: { from: string; to?: string }[];
  revoked?: { on: string; reason: string };
  /** The clock sweep's events so far, `<deadline>:<due>:<near|passed>`, so that each is emitted once. */
  clockAlerts?: string[];
}

export type CommandInput = Record<string, unknown>;
type EventDef = { DETAIL_TYPE: string; VERSION: number };

const ev = (def: EventDef, data: Record<string, unknown>): NewEvent => ({
  type: def.DETAIL_TYPE,
  version: def.VERSION,
  data,
});

/** The event each command records: with the lifecycle's step table, the one source of a case's status. */
const COMMAND_EVENT: Record<CaseCommand, EventDef> = {
  register: E.CaseRegistered,
  decline: E.RegistrationDeclined,
  investigate: E.InvestigationStarted,
  notify: E.PenaltyNotified,
  'record-statement': E.StatementRecorded,
  'request-hearing': E.HearingRequested,
  'hold-hearing': E.HearingHeld,
  'submit-for-review': E.SubmittedForReview,
  review: E.LegalReviewed,
  extend: E.DeadlineExtended,
  decide: E.PenaltyDecided,
  serve: E.DecisionServed,
  'record-payment': E.PaymentRecorded,
  close: E.CaseClosed,
  terminate: E.CaseTerminated,
  transfer: E.CaseTransferred,
  'start-appraisal': E.AppraisalStarted,
  'end-appraisal': E.AppraisalEnded,
  revoke: E.DecisionRevoked,
  'flag-complex': E.FlaggedComplex,
};
const STATUS_AFTER = new Map<string, CaseState | undefined>(
  CASE_COMMANDS.map((command) => [COMMAND_EVENT[command].DETAIL_TYPE, STEPS[command].to]),
);

/** An event as the fold needs it: a stored one, or one a command is about to record (with its actor's id). */
export interface CaseEvent {
  type: string;
  data: Record<string, unknown>;
  actor?: { id: string };
}

/**
 * The fold (DESIGN §4: state is a fold over events; the head's copy is a cache). `where` gives what the stream's
 * head carries and the first event does not: the owning agency and the region.
 */
export function evolve(state: CaseRecord | undefined, event: CaseEvent, where: { agency: string; jurisdiction: string }): CaseRecord {
  // biome-ignore lint/suspicious/noExplicitAny: each type's data is checked by its schema in events/cases before it is stored
  const d = event.data as Record<string, any>;
  if (event.type === E.CaseOpened.DETAIL_TYPE) {
    return { ...(d as CaseRecord), ...where, status: 'clue', extended: false, flaggedComplex: false, statements: 0 };
  }
  if (state === undefined) throw new Error(`A case stream must start with ${E.CaseOpened.DETAIL_TYPE}, not ${event.type}`);
  const next: CaseRecord = { ...state, status: STATUS_AFTER.get(event.type) ?? state.status };
  switch (event.type) {
    case E.CaseRegistered.DETAIL_TYPE:
      return { ...next, registeredOn: d.on };
    case E.PenaltyNotified.DETAIL_TYPE:
      return { ...next, notifiedOn: d.on, proposed: d.proposed };
    case E.StatementRecorded.DETAIL_TYPE:
      return { ...next, statements: state.statements + 1 };
    case E.HearingRequested.DETAIL_TYPE:
      return { ...next, hearing: { requestedOn: d.on } };
    case E.HearingHeld.DETAIL_TYPE:
      return { ...next, hearing: { requestedOn: state.hearing?.requestedOn ?? d.from, from: d.from, to: d.to } };
    case E.LegalReviewed.DETAIL_TYPE:
      return { ...next, review: { approved: d.approved, opinion: d.opinion, by: event.actor?.id ?? '' } };
    case E.DeadlineExtended.DETAIL_TYPE:
      return { ...next, extended: true };
    case E.FlaggedComplex.DETAIL_TYPE:
      return { ...next, flaggedComplex: true };
    case E.PenaltyDecided.DETAIL_TYPE:
      return {
        ...next,
        status: 'decided',
        decision: {
          on: d.on,
          penalty: d.penalty,
          reason: d.reason,
          major: d.major,
          ...(d.documentNumber === undefined ? {} : { documentNumber: d.documentNumber }),
        },
      };
    case E.DecisionServed.DETAIL_TYPE:
      return { ...next, servedOn: d.on };
    case E.PaymentRecorded.DETAIL_TYPE:
      return { ...next, paid: { on: d.on, amount: d.amount } };
    case E.AppraisalStarted.DETAIL_TYPE:
      return { ...next, appraisals: [...(state.appraisals ?? []), { from: d.on }] };
    case E.AppraisalEnded.DETAIL_TYPE:
      return { ...next, appraisals: (state.appraisals ?? []).map((a) => (a.to === undefined ? { ...a, to: d.on } : a)) };
    case E.DecisionRevoked.DETAIL_TYPE:
      return { ...next, revoked: { on: d.on, reason: d.reason } };
    case E.DeadlineApproaching.DETAIL_TYPE:
    case E.DeadlinePassed.DETAIL_TYPE: {
      const kind = event.type === E.DeadlinePassed.DETAIL_TYPE ? 'passed' : 'near';
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `${d.deadline}:${d.due}:${kind}`] };
    }
    default:
      return next;
  }
}

/** The case as a list of events makes it (undefined before its first event). */
export function foldCase(
  events: readonly CaseEvent[],
  where: { agency: string; jurisdiction: string },
  from?: CaseRecord,
): CaseRecord | undefined {
  return events.reduce<CaseRecord | undefined>((state, event) => evolve(state, event, where), from);
}

const recorded = (state: CaseRecord | undefined, events: NewEvent[], by?: string) => {
  const where = { agency: state?.agency ?? '', jurisdiction: state?.jurisdiction ?? '' };
  return foldCase(
    events.map((e) => ({ ...e, ...(by === undefined ? {} : { actor: { id: by } }) })),
    where,
    state,
  ) as CaseRecord;
};

/** A sample discretion table (裁量基准); an agency loads its own as configuration. */
export const DEFAULT_DISCRETION: DiscretionTable = {
  'FOOD-35': {
    name: '未取得食品经营许可从事食品经营活动（《食品安全法》第三十五条、第一百二十二条）',
    lighter: { min: 0, max: 10_000 },
    normal: { min: 10_000, max: 50_000 },
    heavier: { min: 50_000, max: 100_000 },
  },
};

export function openCase(input: Omit<CaseRecord, 'status' | 'extended' | 'flaggedComplex' | 'statements'>): {
  events: NewEvent[];
  state: CaseRecord;
} {
  const { agency, jurisdiction, ...data } = input;
  const events = [ev(E.CaseOpened, data)];
  return { events, state: foldCase(events, { agency, jurisdiction }) as CaseRecord };
}

/** 行政处罚法 §64: a hearing is requested within 5 working days of the notification. */
async function hearingRequestInTime(state: CaseRecord, today: string): Promise<void> {
  const due = (await deadlines({ clueOn: state.clueOn, notifiedOn: state.notifiedOn as string })).find((d) => d.name === 'hearing-request');
  if (due !== undefined && today > due.due) {
    throw new StateConflictError(
      `The hearing request came after its deadline of ${due.due} (5 working days after notification, 行政处罚法 §64).`,
    );
  }
}

const openAppraisal = (state: CaseRecord) => (state.appraisals ?? []).find((a) => a.to === undefined);

/**
 * Gives one lifecycle command: the lifecycle decides whether it may be given (409 with the allowed steps, 403 for
 * the role); this decides what it records and checks the rules around it (§58 review, §64 hearing request window,
 * the discretion table, a single extension, appraisal periods). The new state is the fold of the new events.
 */
export async function give(
  state: CaseRecord,
  command: CaseCommand,
  input: CommandInput,
  roles: readonly CaseRole[],
  today: string,
  rules: { discretion: DiscretionTable; majorRule: MajorCaseRule } = { discretion: DEFAULT_DISCRETION, majorRule: DEFAULT_MAJOR_RULE },
): Promise<{ events: NewEvent[]; state: CaseRecord }> {
  transition(state.status, command, roles);
  const events = await record(state, command, input, today, rules);
  return { events, state: recorded(state, events, String(input.by ?? '')) };
}

async function record(
  state: CaseRecord,
  command: CaseCommand,
  input: CommandInput,
  today: string,
  rules: { discretion: DiscretionTable; majorRule: MajorCaseRule },
): Promise<NewEvent[]> {
  const s = (key: string) => String(input[key] ?? '');
  const one = (data: Record<string, unknown>) => [ev(COMMAND_EVENT[command], data)];
  switch (command) {
    case 'register':
    case 'investigate':
    case 'submit-for-review':
    case 'close':
      return one(command === 'register' ? { on: today, note: s('note') } : { note: s('note') });
    case 'decline':
    case 'terminate':
      return one({ reason: s('reason') });
    case 'notify':
      return one({ on: today, proposed: input.proposed });
    case 'record-statement':
      return one({ statement: s('statement') });
    case 'request-hearing':
      await hearingRequestInTime(state, today);
      return one({ on: today });
    case 'hold-hearing':
      if (s('from') > s('to')) throw new RuleViolationError('to', 'a hearing ends on or after the day it starts');
      if (s('to') > today) throw new RuleViolationError('to', `a hearing is recorded once held; ${s('to')} is after today (${today})`);
      return one({ from: s('from'), to: s('to'), summary: s('summary') });
    case 'review':
      return one({ approved: input.approved === true, opinion: s('opinion') });
    case 'extend':
      if (state.extended)
        throw new StateConflictError('The decision deadline was extended once already (行政处罚法 §60 allows one extension).');
      return one({ days: 30, reason: s('reason') });
    case 'decide':
      return one(decision(state, input, today, rules));
    case 'serve':
    case 'record-payment':
      return one(command === 'serve' ? { on: today } : { on: today, amount: Number(input.amount ?? 0) });
    case 'transfer':
      return one({ to: s('to'), reason: s('reason') });
    case 'start-appraisal':
      if (openAppraisal(state) !== undefined) throw new StateConflictError('An expert appraisal is under way already.');
      return one({ on: today, subject: s('subject') });
    case 'end-appraisal':
      if (openAppraisal(state) === undefined) throw new StateConflictError('No expert appraisal is under way.');
      return one({ on: today, outcome: s('outcome') });
    case 'revoke':
      return one({ on: today, reason: s('reason') });
    case 'flag-complex':
      if (state.flaggedComplex) throw new StateConflictError('The case is flagged complex already.');
      return one({ reason: s('reason') });
  }
}

/** A decision's record, or why it may not be given yet (§58 review, an appraisal under way, the discretion table). */
function decision(
  state: CaseRecord,
  input: CommandInput,
  today: string,
  { discretion, majorRule }: { discretion: DiscretionTable; majorRule: MajorCaseRule },
): Record<string, unknown> {
  const penalty = (input.penalty as ProposedPenalty | undefined) ?? state.proposed;
  if (penalty === undefined) throw new RuleViolationError('penalty', 'a decision names its penalty');
  if (openAppraisal(state) !== undefined) {
    throw new StateConflictError('An expert appraisal is under way: record its end before the decision.', {
      allowed: ['end-appraisal'],
    });
  }
  const major = majorReasons(
    penalty,
    state.party.kind,
    { hearingHeld: state.hearing?.from !== undefined, flaggedComplex: state.flaggedComplex },
    majorRule,
  );
  if (major.length > 0 && state.review?.approved !== true) {
    throw new StateConflictError(
      `This is a major case (${major.join('; ')}): 行政处罚法 §58 requires an approved legal review (法制审核) before the decision.`,
      { major, allowed: ['submit-for-review'] },
    );
  }
  const outside = outsideDiscretion(penalty, discretion);
  if (outside !== undefined && String(input.reason ?? '').trim() === '') {
    throw new RuleViolationError('reason', `${outside}; a penalty outside the discretion table (裁量基准) needs a written reason`);
  }
  const documentNumber = typeof input.documentNumber === 'string' ? { documentNumber: input.documentNumber } : {};
  return { on: today, penalty, reason: String(input.reason ?? ''), major, ...documentNumber };
}

/** The deadlines a case shows now. */
export function caseDeadlines(state: CaseRecord, today?: string): Promise<Deadline[]> {
  const suspensions = [
    ...(state.hearing?.from && state.hearing.to ? [{ from: state.hearing.from, to: state.hearing.to, reason: 'hearing' as const }] : []),
    // An appraisal under way suspends the clock up to today.
    ...(state.appraisals ?? []).map((a) => ({ from: a.from, to: a.to ?? today ?? a.from, reason: 'appraisal' as const })),
  ];
  return deadlines({
    clueOn: state.clueOn,
    ...(state.registeredOn ? { registeredOn: state.registeredOn } : {}),
    ...(state.notifiedOn && state.status === 'notified' ? { notifiedOn: state.notifiedOn } : {}),
    ...(state.servedOn && state.status === 'decided' ? { servedOn: state.servedOn } : {}),
    extended: state.extended,
    suspensions,
  });
}

export { IllegalTransitionError, RoleNotAllowedError };

/**
 * 简易程序 (行政处罚法 §51–§52): an inspector decides on the spot a warning or a fine within ¥200 for a person or
 * ¥3,000 for an organisation, and serves the decision there; the case starts as decided and served.
 */
export function decideOnTheSpot(
  input: Omit<CaseRecord, 'status' | 'extended' | 'flaggedComplex' | 'statements'> & { penalty: ProposedPenalty },
  today: string,
): { events: NewEvent[]; state: CaseRecord } {
  const problem = simpleProcedureProblem(input.penalty, input.party.kind);
  if (problem !== undefined) throw new RuleViolationError('penalty', problem);
  const { penalty, ...record } = input;
  const opened = openCase(record);
  const decision = { on: today, penalty, reason: 'simple procedure (行政处罚法 §51)', major: [] as string[] };
  const events = [ev(E.PenaltyDecided, decision), ev(E.DecisionServed, { on: today })];
  return { events: [...opened.events, ...events], state: recorded(opened.state, events) };
}

/** The deadlines that still bind a case in its current state (what the clock sweep watches). */
export async function bindingDeadlines(state: CaseRecord, today: string): Promise<Deadline[]> {
  return (await caseDeadlines(state, today)).filter((d) => stillRuns(state, d));
}

/** Whether a deadline still binds the case: the step it waits for is not done. */
export function stillRuns(state: CaseRecord, d: Deadline): boolean {
  if (d.name === 'registration') return state.status === 'clue';
  if (d.name === 'decision') return OPEN_STATES.includes(state.status);
  if (d.name === 'payment') return (state.decision?.penalty.fine ?? 0) > 0 && state.status === 'decided';
  return true;
}

/**
 * The clock sweep for one case (DESIGN §6): an event when a binding deadline is within `warnDays` or passed, each
 * once per deadline, due date and kind (a moved deadline warns again).
 */
export async function clockEvents(state: CaseRecord, today: string, warnDays: number): Promise<NewEvent[]> {
  const out: NewEvent[] = [];
  for (const d of await bindingDeadlines(state, today)) {
    const kind = urgency(d, today, warnDays);
    if (kind === undefined || (state.clockAlerts ?? []).includes(`${d.name}:${d.due}:${kind}`)) continue;
    out.push(
      kind === 'passed'
        ? ev(E.DeadlinePassed, { deadline: d.name, due: d.due, provisional: d.provisional })
        : ev(E.DeadlineApproaching, { deadline: d.name, due: d.due, daysLeft: daysUntil(today, d.due), provisional: d.provisional }),
    );
  }
  return out;
}

/** Applies events the case did not command (the clock sweep's) to its state. */
export const withEvents = (state: CaseRecord, events: NewEvent[]): CaseRecord => recorded(state, events);
