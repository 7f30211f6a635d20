import type * as z from 'zod';
import * as E from '#events/cases/case-events.v1';
import { type EventDefinition, type EventOf, eventOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { Instalment, Payment } from './enforcement.ts';
import type { ProposedPenalty } from './legal-rules.ts';
import { CASE_COMMANDS, type CaseCommand, type CaseState, STEPS } from './lifecycle.ts';
import type { Measure } from './measures.ts';

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
  /** Coercive measures and evidence preservation (行政强制), in the order taken. */
  measures?: Measure[];
  /** The approved deferral or instalments (行政处罚法 §66), replacing the fine's one due date. */
  instalments?: Instalment[];
  /** Every payment, as applied to the fine and the surcharge. */
  payments?: Payment[];
  /** Days the written reminder (催告) was served. */
  reminders?: string[];
  /** Review or lawsuit sought by the party, each record as given (the last one of a kind is its current outcome). */
  appeals?: { kind: 'review' | 'lawsuit'; on: string; outcome: 'pending' | 'upheld' | 'changed' | 'revoked'; note: string }[];
  /** The application for court enforcement. */
  court?: { on: string; court: string; fine: number; surcharge: number; earliest: string };
  /** The transfer to the judiciary: to whom, the file handed over, and the organ's receipt once recorded. */
  transfer?: {
    to: string;
    reason: string;
    file?: { events: number; headHash: string; sha256: string; bytes: number; measures: string[] };
    receipt?: { on: string; organ: string; receiptNumber: string; note: string };
  };
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
  'take-measure': E.MeasureTaken,
  'preserve-evidence': E.MeasureTaken,
  'approve-measure': E.MeasureApproved,
  'extend-measure': E.MeasureExtended,
  'release-measure': E.MeasureReleased,
  'approve-instalments': E.InstalmentsApproved,
  'remind-payment': E.PaymentReminded,
  'record-appeal': E.AppealRecorded,
  'apply-court-enforcement': E.CourtEnforcementApplied,
  'record-receipt': E.TransferReceived,
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
    case E.PaymentRecorded.DETAIL_TYPE: {
      const { on, amount, outstanding } = event.data;
      // Recorded before enforcement (no split): the fine paid in full. Otherwise executed once nothing is owed.
      const payment = { on, amount, fine: event.data.fine ?? amount, surcharge: event.data.surcharge ?? 0 };
      const payments = [...(state.payments ?? []), payment];
      const total = payments.reduce((n, p) => n + p.amount, 0);
      return {
        ...next,
        status: (outstanding ?? 0) > 0 ? state.status : 'executed',
        paid: { on, amount: Math.round(total * 100) / 100 },
        payments,
      };
    }
    case E.DeadlineApproaching.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `${event.data.deadline}:${event.data.due}:near`] };
    case E.DeadlinePassed.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `${event.data.deadline}:${event.data.due}:passed`] };
    default:
      return evolveMeasures(next, state, event) ?? evolveEnforcement(next, state, event) ?? next;
  }
}

/** The measures' events (行政强制); undefined for any other event. */
function evolveMeasures(next: CaseRecord, state: CaseRecord, event: Typed): CaseRecord | undefined {
  switch (event.type) {
    case E.MeasureTaken.DETAIL_TYPE: {
      const { measureId, kind, items, reason, emergency, at, on } = event.data;
      const measure: Measure = {
        measureId,
        kind,
        items,
        reason,
        emergency,
        takenAt: at,
        takenOn: on,
        state: emergency ? 'in-force' : 'pending-approval',
        ...(emergency ? { startOn: on } : {}),
      };
      return { ...next, measures: [...(state.measures ?? []), measure] };
    }
    case E.MeasureApproved.DETAIL_TYPE: {
      const { measureId, approved, opinion, at, on, late } = event.data;
      return withMeasure(next, measureId, (m) => {
        const approval = { approved, at, on, late, opinion, by: event.actor?.id ?? '' };
        if (approved) return { ...m, approval, state: 'in-force', startOn: m.startOn ?? on };
        // Refused: an emergency measure is lifted at once (行政强制法 §19), a proposed one never takes effect.
        if (m.state === 'in-force') {
          return {
            ...m,
            approval,
            state: 'released',
            released: { on, reason: 'approval-refused', disposition: 'returned', note: opinion },
          };
        }
        return { ...m, approval, state: 'refused' };
      });
    }
    case E.MeasureExtended.DETAIL_TYPE: {
      const { measureId, days, reason, on } = event.data;
      return withMeasure(next, measureId, (m) => ({ ...m, extension: { days, on, reason } }));
    }
    case E.MeasureReleased.DETAIL_TYPE: {
      const { measureId, on, reason, disposition, note } = event.data;
      return withMeasure(next, measureId, (m) => ({ ...m, state: 'released', released: { on, reason, disposition, note } }));
    }
    case E.MeasureDeadlineApproaching.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `measure:${event.data.measureId}:${event.data.due}:near`] };
    case E.MeasureOverdue.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `measure:${event.data.measureId}:${event.data.due}:passed`] };
    case E.MeasureApprovalOverdue.DETAIL_TYPE:
      return { ...next, clockAlerts: [...(state.clockAlerts ?? []), `approval:${event.data.measureId}`] };
    default:
      return undefined;
  }
}

/** The enforcement and transfer events; undefined for any other event. */
function evolveEnforcement(next: CaseRecord, state: CaseRecord, event: Typed): CaseRecord | undefined {
  switch (event.type) {
    case E.InstalmentsApproved.DETAIL_TYPE:
      return { ...next, instalments: event.data.instalments };
    case E.PaymentReminded.DETAIL_TYPE:
      return { ...next, reminders: [...(state.reminders ?? []), event.data.on] };
    case E.AppealRecorded.DETAIL_TYPE:
      return { ...next, appeals: [...(state.appeals ?? []), event.data] };
    case E.CourtEnforcementApplied.DETAIL_TYPE: {
      const { on, court, fine, surcharge, earliest } = event.data;
      return { ...next, court: { on, court, fine, surcharge, earliest } };
    }
    case E.CaseTransferred.DETAIL_TYPE: {
      const { to, reason, file } = event.data;
      const handed = new Set(file?.measures ?? []);
      const measures = state.measures?.map((m): Measure => (handed.has(m.measureId) ? { ...m, state: 'handed-over' } : m));
      return { ...next, transfer: { to, reason, ...(file ? { file } : {}) }, ...(measures ? { measures } : {}) };
    }
    case E.TransferReceived.DETAIL_TYPE:
      return { ...next, ...(state.transfer ? { transfer: { ...state.transfer, receipt: event.data } } : {}) };
    case E.AppraisalStarted.DETAIL_TYPE:
      return { ...next, appraisals: [...(state.appraisals ?? []), { from: event.data.on }] };
    case E.AppraisalEnded.DETAIL_TYPE: {
      const on = event.data.on;
      return { ...next, appraisals: (state.appraisals ?? []).map((a) => (a.to === undefined ? { ...a, to: on } : a)) };
    }
    case E.DecisionRevoked.DETAIL_TYPE:
      return { ...next, revoked: { on: event.data.on, reason: event.data.reason } };
    default:
      return undefined;
  }
}

/** The record with one of its measures changed (a measure the case does not have is left alone). */
function withMeasure(state: CaseRecord, measureId: string, change: (m: Measure) => Measure): CaseRecord {
  return { ...state, measures: (state.measures ?? []).map((m) => (m.measureId === measureId ? change(m) : m)) };
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
