import type * as z from 'zod';
import * as E from '#events/cases/case-events.v1';
import { type EventDefinition, type EventOf, eventOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { ProposedPenalty } from './legal-rules.ts';
import { CASE_COMMANDS, type CaseCommand, type CaseState, STEPS } from './lifecycle.ts';

/** A penalty case (行政处罚) as the fold of its events makes it; the head stores this state as a cache. */
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

/** What a case starts from: the record before its first step. */
export type CaseOpening = Omit<CaseRecord, 'status' | 'extended' | 'flaggedComplex' | 'statements'>;

/** An event to record, built from its definition: the data has the type of the definition's schema. */
export const newEvent = <D extends z.ZodType>(definition: EventDefinition<D>, data: z.output<D>): NewEvent => ({
  type: definition.DETAIL_TYPE,
  version: definition.VERSION,
  data: data as Record<string, unknown>,
});

/** The event each command records: with the lifecycle's step table, the one source of a case's status. */
export const COMMAND_EVENT = {
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
} as const satisfies Record<CaseCommand, EventDefinition>;

const STATUS_AFTER = new Map<string, CaseState | undefined>(
  CASE_COMMANDS.map((command) => [COMMAND_EVENT[command].DETAIL_TYPE, STEPS[command].to]),
);

/** An event as the fold reads it: a stored one, or one a command is about to record (with its actor's id). */
export interface CaseEvent {
  type: string;
  data: unknown;
  actor?: { id: string };
}

type Typed = EventOf<typeof E.caseEvents> & { actor?: { id: string } };

/**
 * The fold (DESIGN §4: state is a fold over events; the head's copy is a cache). `where` gives what the stream's
 * head carries and the first event does not: the owning agency and the region.
 */
export function evolve(state: CaseRecord | undefined, stored: CaseEvent, where: { agency: string; jurisdiction: string }): CaseRecord {
  const event: Typed = eventOf(E.caseEvents, stored);
  if (event.type === E.CaseOpened.DETAIL_TYPE) {
    return { ...event.data, ...where, status: 'clue', extended: false, flaggedComplex: false, statements: 0 };
  }
  if (state === undefined) throw new Error(`A case stream must start with ${E.CaseOpened.DETAIL_TYPE}, not ${event.type}`);
  const next: CaseRecord = { ...state, status: STATUS_AFTER.get(event.type) ?? state.status };
  switch (event.type) {
    case E.CaseRegistered.DETAIL_TYPE:
      return { ...next, registeredOn: event.data.on };
    case E.PenaltyNotified.DETAIL_TYPE:
      return { ...next, notifiedOn: event.data.on, proposed: event.data.proposed };
    case E.StatementRecorded.DETAIL_TYPE:
      return { ...next, statements: state.statements + 1 };
    case E.HearingRequested.DETAIL_TYPE:
      return { ...next, hearing: { requestedOn: event.data.on } };
    case E.HearingHeld.DETAIL_TYPE: {
      const { from, to } = event.data;
      return { ...next, hearing: { requestedOn: state.hearing?.requestedOn ?? from, from, to } };
    }
    case E.LegalReviewed.DETAIL_TYPE:
      return { ...next, review: { approved: event.data.approved, opinion: event.data.opinion, by: event.actor?.id ?? '' } };
    case E.DeadlineExtended.DETAIL_TYPE:
      return { ...next, extended: true };
    case E.FlaggedComplex.DETAIL_TYPE:
      return { ...next, flaggedComplex: true };
    case E.PenaltyDecided.DETAIL_TYPE: {
      const { on, penalty, reason, major, documentNumber } = event.data;
      return {
        ...next,
        status: 'decided',
        decision: { on, penalty, reason, major, ...(documentNumber === undefined ? {} : { documentNumber }) },
      };
    }
    case E.DecisionServed.DETAIL_TYPE:
      return { ...next, servedOn: event.data.on };
    case E.PaymentRecorded.DETAIL_TYPE:
      return { ...next, paid: { on: event.data.on, amount: event.data.amount } };
    case E.AppraisalStarted.DETAIL_TYPE:
      return { ...next, appraisals: [...(state.appraisals ?? []), { from: event.data.on }] };
    case E.AppraisalEnded.DETAIL_TYPE: {
      const on = event.data.on;
      return { ...next, appraisals: (state.appraisals ?? []).map((a) => (a.to === undefined ? { ...a, to: on } : a)) };
    }
    case E.DecisionRevoked.DETAIL_TYPE:
      return { ...next, revoked: { on: event.data.on, reason: event.data.reason } };
    case E.DeadlineApproaching.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `${event.data.deadline}:${event.data.due}:near`] };
    case E.DeadlinePassed.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `${event.data.deadline}:${event.data.due}:passed`] };
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

/** The state after new events (a command's, or the clock sweep's); `by` is the actor who gives them. */
export function withEvents(state: CaseRecord, events: readonly NewEvent[], by?: string): CaseRecord {
  return events.reduce(
    (s, e) =>
      evolve(s, { ...e, ...(by === undefined ? {} : { actor: { id: by } }) }, { agency: state.agency, jurisdiction: state.jurisdiction }),
    state,
  );
}

/** A case opened from a clue: its first event and the state it folds to. */
export function openCase(input: CaseOpening): { events: NewEvent[]; state: CaseRecord } {
  const { agency, jurisdiction, ...data } = input;
  const events = [newEvent(E.CaseOpened, data)];
  return { events, state: evolve(undefined, events[0] as NewEvent, { agency, jurisdiction }) };
}
