import * as E from '#events/cases/case-events.v1';
import type { NewEvent } from '#records/domain/recorded-event';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { type Deadline, deadlines } from './clocks.ts';
import { type DiscretionTable, majorReasons, outsideDiscretion, type ProposedPenalty, simpleProcedureProblem } from './legal-rules.ts';
import { type CaseCommand, type CaseRole, type CaseState, IllegalTransitionError, RoleNotAllowedError, transition } from './lifecycle.ts';

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
  decision?: { on: string; penalty: ProposedPenalty; reason: string; major: string[] };
  servedOn?: string;
  paid?: { on: string; amount: number };
  statements: number;
}

export type CommandInput = Record<string, unknown>;

const ev = (def: { DETAIL_TYPE: string; VERSION: number }, data: Record<string, unknown>): NewEvent => ({
  type: def.DETAIL_TYPE,
  version: def.VERSION,
  data,
});

/** A sample discretion table (裁量基准); an agency loads its own as configuration. */
export const DEFAULT_DISCRETION: DiscretionTable = {
  'FOOD-35': { lighter: { min: 0, max: 10_000 }, normal: { min: 10_000, max: 50_000 }, heavier: { min: 50_000, max: 100_000 } },
};

export function openCase(input: Omit<CaseRecord, 'status' | 'extended' | 'flaggedComplex' | 'statements'>): {
  events: NewEvent[];
  state: CaseRecord;
} {
  const state: CaseRecord = { ...input, status: 'clue', extended: false, flaggedComplex: false, statements: 0 };
  const { agency: _a, jurisdiction: _j, ...data } = input;
  return { events: [ev(E.CaseOpened, data)], state };
}

/**
 * Gives one lifecycle command: the lifecycle decides whether it may be given (409 with the allowed steps, 403 for
 * the role); this decides what it records and checks the rules around it (§58 review, §64 hearing request window,
 * the discretion table, a single extension).
 */
export async function give(
  state: CaseRecord,
  command: CaseCommand,
  input: CommandInput,
  roles: readonly CaseRole[],
  today: string,
  discretion: DiscretionTable = DEFAULT_DISCRETION,
): Promise<{ events: NewEvent[]; state: CaseRecord }> {
  const to = transition(state.status, command, roles);
  const next: CaseRecord = { ...state, status: to };
  const s = (key: string) => String(input[key] ?? '');
  switch (command) {
    case 'register':
      return { events: [ev(E.CaseRegistered, { on: today, note: s('note') })], state: { ...next, registeredOn: today } };
    case 'decline':
      return { events: [ev(E.RegistrationDeclined, { reason: s('reason') })], state: next };
    case 'investigate':
      return { events: [ev(E.InvestigationStarted, { note: s('note') })], state: next };
    case 'notify': {
      const proposed = input.proposed as ProposedPenalty;
      return { events: [ev(E.PenaltyNotified, { on: today, proposed })], state: { ...next, notifiedOn: today, proposed } };
    }
    case 'record-statement':
      return { events: [ev(E.StatementRecorded, { statement: s('statement') })], state: { ...next, statements: state.statements + 1 } };
    case 'request-hearing': {
      const due = (await deadlines({ clueOn: state.clueOn, notifiedOn: state.notifiedOn as string })).find(
        (d) => d.name === 'hearing-request',
      );
      if (due !== undefined && today > due.due) {
        throw new StateConflictError(
          `The hearing request came after its deadline of ${due.due} (5 working days after notification, 行政处罚法 §64).`,
        );
      }
      return { events: [ev(E.HearingRequested, { on: today })], state: { ...next, hearing: { requestedOn: today } } };
    }
    case 'hold-hearing': {
      const held = { from: s('from'), to: s('to'), summary: s('summary') };
      return {
        events: [ev(E.HearingHeld, held)],
        state: { ...next, hearing: { requestedOn: state.hearing?.requestedOn ?? today, from: held.from, to: held.to } },
      };
    }
    case 'submit-for-review':
      return { events: [ev(E.SubmittedForReview, { note: s('note') })], state: next };
    case 'review': {
      const review = { approved: input.approved === true, opinion: s('opinion') };
      return { events: [ev(E.LegalReviewed, review)], state: { ...next, review: { ...review, by: s('by') } } };
    }
    case 'extend':
      if (state.extended)
        throw new StateConflictError('The decision deadline was extended once already (行政处罚法 §60 allows one extension).');
      return { events: [ev(E.DeadlineExtended, { days: 30, reason: s('reason') })], state: { ...next, extended: true } };
    case 'decide': {
      const penalty = (input.penalty as ProposedPenalty | undefined) ?? state.proposed;
      if (penalty === undefined) throw new RuleViolationError('penalty', 'a decision names its penalty');
      const major = majorReasons(penalty, state.party.kind, {
        hearingHeld: state.hearing?.from !== undefined,
        flaggedComplex: state.flaggedComplex,
      });
      if (major.length > 0 && state.review?.approved !== true) {
        throw new StateConflictError(
          `This is a major case (${major.join('; ')}): 行政处罚法 §58 requires an approved legal review (法制审核) before the decision.`,
          { major, allowed: ['submit-for-review'] },
        );
      }
      const outside = outsideDiscretion(penalty, discretion);
      if (outside !== undefined && s('reason').trim() === '') {
        throw new RuleViolationError('reason', `${outside}; a penalty outside the discretion table (裁量基准) needs a written reason`);
      }
      const decision = { on: today, penalty, reason: s('reason'), major };
      return { events: [ev(E.PenaltyDecided, decision)], state: { ...next, decision } };
    }
    case 'serve':
      return { events: [ev(E.DecisionServed, { on: today })], state: { ...next, servedOn: today } };
    case 'record-payment': {
      const amount = Number(input.amount ?? 0);
      return { events: [ev(E.PaymentRecorded, { on: today, amount })], state: { ...next, paid: { on: today, amount } } };
    }
    case 'close':
      return { events: [ev(E.CaseClosed, { note: s('note') })], state: next };
    case 'terminate':
      return { events: [ev(E.CaseTerminated, { reason: s('reason') })], state: next };
    case 'transfer':
      return { events: [ev(E.CaseTransferred, { to: s('to'), reason: s('reason') })], state: next };
  }
}

/** The deadlines a case shows now. */
export function caseDeadlines(state: CaseRecord): Promise<Deadline[]> {
  const suspensions =
    state.hearing?.from && state.hearing.to ? [{ from: state.hearing.from, to: state.hearing.to, reason: 'hearing' as const }] : [];
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
  return {
    events: [...opened.events, ev(E.PenaltyDecided, decision), ev(E.DecisionServed, { on: today })],
    state: { ...opened.state, status: 'decided', decision, servedOn: today },
  };
}
