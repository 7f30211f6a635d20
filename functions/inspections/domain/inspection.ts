import type * as z from 'zod';
import { InspectionAssigned } from '#events/inspections/inspection-assigned.v1';
import {
  AnswersRecorded,
  CaseClueRaised,
  EvidenceRecorded,
  FindingRecorded,
  InspectionCompleted,
  InspectionCorrected,
  InspectionStarted,
  ResultRecorded,
} from '#events/inspections/inspection-events.v1';
import { TargetedInspectionAssigned } from '#events/inspections/targeted-inspection-assigned.v1';
import type { CHANNELS, EVIDENCE_KINDS, RESULTS } from '#events/inspections/values';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { StreamFold } from '#records/domain/stream-fold';
import { RuleViolationError, StateConflictError } from '#shared/errors';

export interface EntitySummary {
  uscc: string;
  name: string;
  address: string;
  region: string;
}

export interface ChecklistSnapshot {
  item: string;
  name: string;
  legalBasis: string;
  questions: { id: string; question: string; mandatory: boolean }[];
}

export type Channel = (typeof CHANNELS)[number];
export type Result = (typeof RESULTS)[number];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Evidence {
  evidenceId: string;
  kind: EvidenceKind;
  sha256: string;
  size: number;
  contentType: string;
  capturedAt: string;
  key: string;
  caption?: string;
}

/** The head's cached state of an inspection; the events are the record. */
export interface InspectionState {
  inspectionId: string;
  taskId: string;
  ownerAgency: string;
  entity: EntitySummary;
  items: string[];
  checklists: ChecklistSnapshot[];
  team: { id: string; agency: string }[];
  plannedStart: string;
  plannedEnd: string;
  status: 'assigned' | 'in-progress' | 'completed';
  start?: { at: string; channel: Channel; position?: { lat: number; lng: number; accuracyM: number }; inspectors: string[] };
  answers: Record<string, { answer: string; note?: string; at: string; by: string }>;
  findings: { findingId: string; text: string; at: string; by: string }[];
  evidence: Evidence[];
  result?: { result: Result; summary: string; at: string };
  completedAt?: string;
  corrections: { field: string; target?: string; value: string; reason: string; at: string; by: string }[];
  /** A targeted inspection (定向检查) ordered by a risk alert's disposal, not drawn; its `taskId` is the alert's id. */
  origin?: { kind: 'targeted'; alertId: string };
}

export interface Decision {
  events: NewEvent[];
  state: InspectionState;
}

const ev = (definition: { DETAIL_TYPE: string; VERSION: number }, data: Record<string, unknown>, occurredAt: string): NewEvent => ({
  type: definition.DETAIL_TYPE,
  version: definition.VERSION,
  data,
  occurredAt,
});

/** An event as the fold needs it: a stored one, or one a command is about to record (with its time and actor). */
export interface InspectionEvent {
  type: string;
  data: unknown;
  occurredAt?: string;
  actor?: { id: string };
}

/**
 * An inspection is the fold of its events (DESIGN §4): assigned by the draw, then each step recorded on it. Every
 * command below decides which events to record and returns their fold, so head and history cannot disagree.
 */
export function evolveInspection(state: InspectionState | undefined, event: InspectionEvent): InspectionState {
  if (event.type === InspectionAssigned.DETAIL_TYPE) return assignedState(dataOf(InspectionAssigned, event));
  if (event.type === TargetedInspectionAssigned.DETAIL_TYPE) return targetedState(dataOf(TargetedInspectionAssigned, event));
  if (state === undefined) throw new Error(`An inspection stream must start with ${InspectionAssigned.DETAIL_TYPE}, not ${event.type}`);
  const s = fromHead(state);
  const at = event.occurredAt ?? '';
  const by = event.actor?.id ?? '';
  switch (event.type) {
    case InspectionStarted.DETAIL_TYPE:
      return { ...s, status: 'in-progress', start: { at, ...dataOf(InspectionStarted, event) } };
    case AnswersRecorded.DETAIL_TYPE: {
      const answers = { ...s.answers };
      for (const a of dataOf(AnswersRecorded, event).answers) {
        answers[questionKey(a.item, a.question)] = { answer: a.answer, ...(a.note ? { note: a.note } : {}), at, by };
      }
      return { ...s, status: startedOr(s), answers };
    }
    case FindingRecorded.DETAIL_TYPE: {
      const { findingId, text } = dataOf(FindingRecorded, event);
      return { ...s, status: startedOr(s), findings: [...s.findings, { findingId, text, at, by }] };
    }
    case EvidenceRecorded.DETAIL_TYPE:
      return { ...s, status: startedOr(s), evidence: [...s.evidence, dataOf(EvidenceRecorded, event)] };
    case ResultRecorded.DETAIL_TYPE: {
      const { result, summary } = dataOf(ResultRecorded, event);
      return { ...s, status: startedOr(s), result: { result, summary, at } };
    }
    case InspectionCompleted.DETAIL_TYPE:
      return { ...s, status: 'completed', completedAt: at };
    case InspectionCorrected.DETAIL_TYPE:
      return { ...s, corrections: [...s.corrections, { ...dataOf(InspectionCorrected, event), at, by }] };
    default:
      return s;
  }
}

/** The decision of a command: the events it records and their fold over the state it started from. */
const decided = (state: InspectionState, events: NewEvent[], by = ''): Decision => ({
  events,
  state: events.reduce<InspectionState>((s, e) => evolveInspection(s, { ...e, actor: { id: by } }), state),
});

/** An inspection as the draw assigns it: nothing recorded on it yet. */
export const assignedState = (
  data: Omit<InspectionState, 'status' | 'answers' | 'findings' | 'evidence' | 'corrections'>,
): InspectionState => ({
  ...data,
  status: 'assigned',
  answers: {},
  findings: [],
  evidence: [],
  corrections: [],
});

/** A targeted inspection as an alert's disposal orders it: the alert stands where a drawn one has its task. */
export const targetedState = (data: z.output<typeof TargetedInspectionAssigned.data>): InspectionState => {
  const { alertId, ...rest } = data;
  return assignedState({ ...rest, taskId: alertId, origin: { kind: 'targeted', alertId } });
};

/** The state cached on the head; heads written before assignedState held no answers, findings or evidence yet. */
export function fromHead(head: unknown): InspectionState {
  return { answers: {}, findings: [], evidence: [], corrections: [], ...(head as Partial<InspectionState>) } as InspectionState;
}

/** 行政处罚法 §42: law-enforcement inspections are done by at least two officers. */
export const MIN_INSPECTORS = 2;

function open(state: InspectionState): void {
  if (state.status === 'completed') {
    throw new StateConflictError('This inspection is completed and is never edited; record a correction with its reason instead.', {
      allowed: ['corrections'],
    });
  }
}

export function start(
  state: InspectionState,
  input: { at: string; channel: Channel; position?: { lat: number; lng: number; accuracyM: number }; inspectors: string[] },
  by: string,
): Decision {
  open(state);
  if (state.start !== undefined) return { events: [], state };
  const team = new Set(state.team.map((m) => m.id));
  const outsider = input.inspectors.find((id) => !team.has(id));
  if (outsider !== undefined) throw new RuleViolationError('inspectors', `${outsider} is not on this inspection's team`);
  if (!input.inspectors.includes(by))
    throw new RuleViolationError('inspectors', 'the inspector starting the inspection must be one of those present');
  const data = { channel: input.channel, ...(input.position ? { position: input.position } : {}), inspectors: input.inspectors };
  return decided(state, [ev(InspectionStarted, data, input.at)], by);
}

const questionKey = (item: string, question: string) => `${item}/${question}`;

export function recordAnswers(
  state: InspectionState,
  answers: { item: string; question: string; answer: string; note?: string }[],
  at: string,
  by: string,
): Decision {
  open(state);
  const known = new Set(state.checklists.flatMap((c) => c.questions.map((q) => questionKey(c.item, q.id))));
  answers.forEach((a, i) => {
    if (!known.has(questionKey(a.item, a.question))) {
      throw new RuleViolationError(`answers.${i}`, `question ${a.question} of item ${a.item} is not on this inspection's checklist`);
    }
  });
  return decided(state, [ev(AnswersRecorded, { answers }, at)], by);
}

const startedOr = (state: InspectionState): InspectionState['status'] => (state.status === 'assigned' ? 'in-progress' : state.status);

export function recordFinding(state: InspectionState, finding: { findingId: string; text: string }, at: string, by: string): Decision {
  open(state);
  if (state.findings.some((f) => f.findingId === finding.findingId)) return { events: [], state };
  return decided(state, [ev(FindingRecorded, finding, at)], by);
}

export function recordEvidence(state: InspectionState, evidence: Evidence): Decision {
  open(state);
  if (state.evidence.some((e) => e.evidenceId === evidence.evidenceId)) return { events: [], state };
  return decided(state, [ev(EvidenceRecorded, { ...evidence }, evidence.capturedAt)]);
}

export function recordResult(state: InspectionState, result: { result: Result; summary: string }, at: string): Decision {
  open(state);
  return decided(state, [ev(ResultRecorded, result, at)]);
}

/** What completion still lacks; empty when it may complete. */
export function missingForCompletion(state: InspectionState): string[] {
  const missing: string[] = [];
  if (state.start === undefined) missing.push('start: the inspection was never started');
  else if (state.start.inspectors.length < MIN_INSPECTORS)
    missing.push(`inspectors: at least ${MIN_INSPECTORS} inspectors on record (行政处罚法 §42)`);
  if (state.result === undefined) missing.push('result: no result recorded');
  const onSite = state.result?.result === 'compliant' || state.result?.result === 'non-compliant';
  if (onSite) {
    for (const c of state.checklists) {
      for (const q of c.questions) {
        if (q.mandatory && state.answers[questionKey(c.item, q.id)] === undefined)
          missing.push(`answers: ${c.item}/${q.id} (${q.question}) is mandatory`);
      }
    }
  }
  return missing;
}

/** Completion: once; a second completion changes nothing. A non-compliant result raises a case clue. */
export function complete(state: InspectionState, at: string): Decision {
  if (state.status === 'completed') return { events: [], state };
  const missing = missingForCompletion(state);
  if (missing.length > 0) throw new StateConflictError(`The inspection cannot be completed yet: ${missing.join('; ')}.`, { missing });
  const result = state.result as NonNullable<InspectionState['result']>;
  const begun = state.start as NonNullable<InspectionState['start']>;
  const signature = state.evidence.find((e) => e.kind === 'signature')?.evidenceId;
  const events = [
    ev(
      InspectionCompleted,
      {
        entity: state.entity.uscc,
        result: result.result,
        channel: begun.channel,
        inspectors: begun.inspectors,
        answered: Object.keys(state.answers).length,
        evidence: state.evidence.length,
        ...(signature ? { signature } : {}),
      },
      at,
    ),
  ];
  if (result.result === 'non-compliant') {
    events.push(
      ev(
        CaseClueRaised,
        {
          inspectionId: state.inspectionId,
          entity: state.entity.uscc,
          items: state.items,
          summary: result.summary,
          findings: state.findings.map((f) => f.findingId),
          evidence: state.evidence.map((e) => e.evidenceId),
        },
        at,
      ),
    );
  }
  return decided(state, events);
}

export function correct(
  state: InspectionState,
  correction: { field: 'summary' | 'finding'; target?: string; value: string; reason: string },
  at: string,
  by: string,
): Decision {
  if (state.status !== 'completed') throw new StateConflictError('Only a completed inspection takes corrections; change it directly.');
  if (correction.field === 'finding' && !state.findings.some((f) => f.findingId === correction.target)) {
    throw new RuleViolationError('target', `finding ${correction.target} is not on this inspection`);
  }
  return decided(state, [ev(InspectionCorrected, correction, at)], by);
}

/** The inspections context's kinds of stream and how each folds. */
export const inspectionFolds: readonly StreamFold[] = [
  { prefix: 'inspection/', fold: (events) => events.reduce<InspectionState | undefined>(evolveInspection, undefined) },
];
