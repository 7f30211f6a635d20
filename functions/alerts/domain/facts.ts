import { createHash } from 'node:crypto';
import type { SUBJECT_KINDS } from '#events/alerts/values';
import { DeadlineApproaching } from '#events/cases/deadline-approaching.v1';
import { DeadlinePassed } from '#events/cases/deadline-passed.v1';
import { MeasureApprovalOverdue } from '#events/cases/measure-approval-overdue.v1';
import { MeasureOverdue } from '#events/cases/measure-overdue.v1';
import { PaymentOverdue } from '#events/cases/payment-overdue.v1';
import { ClassChanged } from '#events/credit/class-changed.v1';
import { EntityListed } from '#events/credit/entity-listed.v1';
import { EntityRegistered } from '#events/directory/entity-registered.v1';
import { ExternalComplaint, ExternalInspectionResult, ExternalRiskSignal } from '#events/external/external-events.v1';
import { InspectionCompleted } from '#events/inspections/inspection-completed.v1';
import { ResultPublicationOverdue } from '#events/sampling/result-publication-overdue.v1';
import { dataOf, type EventDefinition } from '#events/stored-event';
import { chinaDay } from '#shared/calendar';
import { isTargetedInspection } from './disposal-ids.ts';

export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A source event as a rule sees it: its day, what it is about, and the fields a rule's conditions may test. */
export interface Fact {
  stream: string;
  seq: number;
  type: string;
  on: string;
  fields: Record<string, string>;
  /** The keys it can be grouped by (an inspection: its entity; a case deadline: its case). */
  subjects: Partial<Record<SubjectKind, string>>;
}

/** The event as the bus delivers it (a stored event and its agency). */
export interface SourceEvent {
  stream: string;
  seq: number;
  type: string;
  occurredAt: string;
  data: unknown;
  /** Who recorded it (an entity entered by a bulk import is not a new registration). */
  actor?: { id: string };
}

interface FactSource {
  type: string;
  /** The bus event it comes from; none for a fact the alerts' own clock makes (the hourly count of reads). */
  definition?: EventDefinition;
  /** The fields a rule's `where` may name. */
  fields: readonly string[];
  /** The subject kinds a fact of this type has. */
  subjects: readonly SubjectKind[];
  /** The fact, or undefined when the event is not one for the rules (a targeted inspection's result; a clock's fact, made by its sweep). */
  fact(event: SourceEvent): Omit<Fact, 'stream' | 'seq' | 'type'> | undefined;
}

/** The actor the directory's bulk import job records entities as. */
const IMPORT_JOB = 'entity-import';

/** The fact type of one person's reads in one hour, from the access log. */
export const HOURLY_READS = 'Clock.HourlyReads';

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const caseIdOf = (stream: string) => stream.slice(stream.indexOf('/') + 1);
const dayOf = (event: SourceEvent) => chinaDay(event.occurredAt);

/**
 * An address as the abnormal-registration rule compares them (异常注册): full-width characters folded to half-width,
 * spaces and punctuation dropped, then hashed (a stream key holds no free text).
 */
export function addressKey(address: string): string {
  const folded = address
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
  return createHash('sha256').update(folded).digest('hex').slice(0, 32);
}

/**
 * The event types the rules can watch, each with its fields and subjects: a rule version naming another type, or a
 * field or subject its type lacks, is refused (400). One entry per type: the single place an event becomes a fact.
 */
export const FACT_SOURCES: readonly FactSource[] = [
  {
    type: InspectionCompleted.DETAIL_TYPE,
    definition: InspectionCompleted,
    fields: ['result', 'channel'],
    subjects: ['entity'],
    fact: (e) => {
      // A targeted inspection's result is its alert's feedback, not a new fact: closing the loop raises no next alert.
      if (isTargetedInspection(e.stream)) return undefined;
      const d = dataOf(InspectionCompleted, e);
      return { on: dayOf(e), fields: { result: d.result, channel: d.channel }, subjects: { entity: d.entity } };
    },
  },
  {
    type: ExternalInspectionResult.DETAIL_TYPE,
    definition: ExternalInspectionResult,
    fields: ['result', 'system'],
    subjects: ['entity'],
    fact: (e) => {
      const d = dataOf(ExternalInspectionResult, e);
      return { on: d.data.inspectedOn, fields: { result: d.data.result, system: d.system }, subjects: { entity: d.subject } };
    },
  },
  {
    type: ClassChanged.DETAIL_TYPE,
    definition: ClassChanged,
    fields: ['from', 'to'],
    subjects: ['entity'],
    fact: (e) => {
      const d = dataOf(ClassChanged, e);
      return { on: d.asOf, fields: { from: d.from ?? '', to: d.to }, subjects: { entity: d.uscc } };
    },
  },
  {
    type: EntityListed.DETAIL_TYPE,
    definition: EntityListed,
    fields: ['list'],
    subjects: ['entity'],
    fact: (e) => {
      const d = dataOf(EntityListed, e);
      return { on: d.on, fields: { list: d.list }, subjects: { entity: d.uscc } };
    },
  },
  {
    type: DeadlineApproaching.DETAIL_TYPE,
    definition: DeadlineApproaching,
    fields: ['deadline', 'due'],
    subjects: ['case'],
    fact: (e) => {
      const d = dataOf(DeadlineApproaching, e);
      return { on: dayOf(e), fields: { deadline: d.deadline, due: d.due }, subjects: { case: caseIdOf(e.stream) } };
    },
  },
  {
    type: DeadlinePassed.DETAIL_TYPE,
    definition: DeadlinePassed,
    fields: ['deadline', 'due'],
    subjects: ['case'],
    fact: (e) => {
      const d = dataOf(DeadlinePassed, e);
      return { on: dayOf(e), fields: { deadline: d.deadline, due: d.due }, subjects: { case: caseIdOf(e.stream) } };
    },
  },
  {
    type: PaymentOverdue.DETAIL_TYPE,
    definition: PaymentOverdue,
    fields: ['due'],
    subjects: ['case'],
    fact: (e) => {
      const d = dataOf(PaymentOverdue, e);
      return { on: dayOf(e), fields: { due: d.due }, subjects: { case: caseIdOf(e.stream) } };
    },
  },
  {
    type: MeasureOverdue.DETAIL_TYPE,
    definition: MeasureOverdue,
    fields: ['kind', 'due', 'measureId'],
    subjects: ['case'],
    fact: (e) => {
      const d = dataOf(MeasureOverdue, e);
      return { on: dayOf(e), fields: { kind: d.kind, due: d.due, measureId: d.measureId }, subjects: { case: caseIdOf(e.stream) } };
    },
  },
  {
    type: MeasureApprovalOverdue.DETAIL_TYPE,
    definition: MeasureApprovalOverdue,
    fields: ['measureId'],
    subjects: ['case'],
    fact: (e) => {
      const d = dataOf(MeasureApprovalOverdue, e);
      return { on: dayOf(e), fields: { measureId: d.measureId }, subjects: { case: caseIdOf(e.stream) } };
    },
  },
  {
    type: ResultPublicationOverdue.DETAIL_TYPE,
    definition: ResultPublicationOverdue,
    fields: ['dueBy'],
    subjects: ['task'],
    fact: (e) => {
      const d = dataOf(ResultPublicationOverdue, e);
      return { on: dayOf(e), fields: { dueBy: d.dueBy }, subjects: { task: d.taskId } };
    },
  },
  {
    type: ExternalRiskSignal.DETAIL_TYPE,
    definition: ExternalRiskSignal,
    fields: ['signal', 'severity', 'system'],
    subjects: ['entity', 'case'],
    fact: (e) => {
      const d = dataOf(ExternalRiskSignal, e);
      const subjects = USCC.test(d.subject) ? { entity: d.subject } : { case: d.subject };
      return { on: d.data.observedOn, fields: { signal: d.data.signal, severity: d.data.severity, system: d.system }, subjects };
    },
  },
  {
    type: ExternalComplaint.DETAIL_TYPE,
    definition: ExternalComplaint,
    fields: ['kind', 'category', 'system'],
    subjects: ['entity'],
    fact: (e) => {
      const d = dataOf(ExternalComplaint, e);
      return {
        on: d.data.receivedOn,
        fields: { kind: d.data.kind, category: d.data.category, system: d.system },
        subjects: { entity: d.subject },
      };
    },
  },
  {
    type: EntityRegistered.DETAIL_TYPE,
    definition: EntityRegistered,
    // via: 'import' for an agency loading its existing directory (the import job records those), else 'registration'.
    fields: ['region', 'industry', 'via'],
    subjects: ['address', 'entity'],
    fact: (e) => {
      const d = dataOf(EntityRegistered, e);
      return {
        on: dayOf(e),
        fields: { region: d.region, industry: d.industry, via: e.actor?.id === IMPORT_JOB ? 'import' : 'registration' },
        subjects: { address: addressKey(d.address), entity: d.uscc },
      };
    },
  },
  {
    // Made by the hourly personnel sweep from the access log (操作日志分析), not delivered by the bus.
    type: HOURLY_READS,
    fields: ['reads', 'denied', 'role'],
    subjects: ['person'],
    fact: () => undefined,
  },
];

/**
 * One person's reads of an agency's records in one whole hour, as the personnel sweep counts them: a fact whose
 * identity is the person and the hour (`seq` = hours since the epoch), so a sweep counting the hour again adds nothing.
 */
export function hourlyReadsFact(
  agency: string,
  count: { reader: string; role: string; hour: number; reads: number; denied: number },
): Fact {
  const at = new Date(count.hour * 3_600_000).toISOString();
  return {
    stream: `access-log/${agency}/${count.reader}`,
    seq: count.hour,
    type: HOURLY_READS,
    on: chinaDay(at),
    fields: { reads: String(count.reads), denied: String(count.denied), role: count.role },
    subjects: { person: count.reader },
  };
}

const BY_TYPE = new Map(FACT_SOURCES.map((s) => [s.type, s]));
/** The bus events the rules watch (the topology's rule `alert-rules` is on exactly these). */
export const watchedEvents = (): EventDefinition[] => FACT_SOURCES.flatMap((s) => (s.definition === undefined ? [] : [s.definition]));

/** The fact source of an event type, if the rules can watch it. */
export const factSourceOf = (type: string): FactSource | undefined => BY_TYPE.get(type);

/** An event as a fact, or undefined when no rule can watch its type. */
export function factOf(event: SourceEvent): Fact | undefined {
  const made = BY_TYPE.get(event.type)?.fact(event);
  return made === undefined ? undefined : { stream: event.stream, seq: event.seq, type: event.type, ...made };
}
