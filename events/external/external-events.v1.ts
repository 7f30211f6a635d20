import * as z from 'zod';
import { defineEvent, type EventDefinition } from '../stored-event.ts';

/**
 * Events that enforcement systems of other departments post (DESIGN §6 "Enforcement systems"), version 1. Each is a
 * CloudEvents `type`; its `data` is the payload schema below. Stored on the subject's external record stream
 * (`external/<agency>/<subject>`) wrapped with the envelope it came in, and published by `regulator.external`.
 */
const SOURCE = 'regulator.external';
const day = z.iso.date();

const InspectionResultPayload = () =>
  z.strictObject({
    inspectionNumber: z.string().min(1).max(100).describe('the posting department’s own inspection number'),
    inspectedOn: day,
    result: z.enum(['compliant', 'non-compliant', 'not-found-at-address', 'refused']),
    items: z.array(z.string().min(1).max(100)).max(50).default([]).describe('inspection item codes or names'),
    summary: z.string().max(4000).default(''),
  });

const PenaltyDecisionPayload = () =>
  z.strictObject({
    decisionNumber: z.string().min(1).max(100).describe('文书号 of the decision'),
    decidedOn: day,
    penalty: z.strictObject({
      types: z.array(z.enum(['warning', 'fine', 'confiscation', 'suspension', 'licence-revocation'])).min(1),
      fine: z.number().nonnegative().optional().describe('yuan'),
    }),
    legalBasis: z.string().min(1).max(1000),
    summary: z.string().max(4000).default(''),
  });

const CaseStatusChangePayload = () =>
  z.strictObject({
    externalCaseNumber: z.string().min(1).max(100).describe('the posting department’s case number'),
    status: z.enum(['received', 'accepted', 'investigating', 'prosecuted', 'judged', 'returned', 'closed']),
    note: z.string().max(4000).default(''),
  });

const RiskSignalPayload = () =>
  z.strictObject({
    signal: z.string().min(1).max(100).describe('the signal’s code in the posting system, e.g. TAX-ARREARS'),
    severity: z.enum(['low', 'medium', 'high']),
    description: z.string().min(1).max(4000),
    observedOn: day,
  });

const ComplaintPayload = () =>
  z.strictObject({
    complaintNumber: z.string().min(1).max(100).describe('the number the complaints platform (12315) gave it'),
    receivedOn: day,
    kind: z.enum(['complaint', 'report']).describe('投诉 (a consumer dispute) or 举报 (a report of an offence)'),
    category: z.string().min(1).max(100).describe('the platform’s category, e.g. 食品安全'),
    summary: z.string().max(4000).default(''),
  });

/** What every stored external event carries: the CloudEvent as it came, minus `specversion`, plus the system. */
const stored = <P extends z.ZodType>(payload: P) =>
  z.strictObject({
    system: z.string().min(1).max(64),
    source: z.string().min(1).max(512),
    id: z.string().min(1).max(256),
    time: z.iso.datetime({ offset: true }),
    subject: z.string().min(1).max(100),
    dataschema: z.string().max(512).optional(),
    extensions: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    data: payload,
  });

/** The example system of every example (the one the README registers): the catalog's examples post as it. */
export const EXAMPLE_SYSTEM = { id: 'tax-110105', source: 'urn:cn:gov:tax:110105' } as const;
const envelope = { system: EXAMPLE_SYSTEM.id, source: EXAMPLE_SYSTEM.source, time: '2026-05-06T02:00:00Z' };

export interface ExternalEventDefinition<P extends z.ZodType = z.ZodType> extends EventDefinition<ReturnType<typeof stored<P>>> {
  /** The CloudEvents `data` schema a posting system must follow. */
  readonly payload: P;
  /** What the CloudEvents `subject` may name. */
  readonly subjects: readonly ('entity' | 'case')[];
  readonly description: string;
  readonly payloadExample: z.input<P>;
}

/** The payload schema and the example are built on first use, like every event's (stored-event.ts). */
function defineExternal<P extends z.ZodType>(
  type: string,
  description: string,
  subjects: readonly ('entity' | 'case')[],
  payload: () => P,
  payloadExample: z.input<P>,
  subject: string,
): ExternalEventDefinition<P> {
  let built: P | undefined;
  const schema = () => {
    built ??= payload();
    return built;
  };
  const base = defineEvent(SOURCE, type, 1, () => stored(schema()), {} as never);
  let example: unknown;
  // Added as properties of the definition itself (a spread would read, and so build, its lazy schemas now).
  return Object.defineProperties(base, {
    payload: { get: schema, enumerable: true },
    example: {
      get: () => {
        example ??= { ...envelope, id: `${type}-1`, subject, data: schema().parse(payloadExample) };
        return example;
      },
      enumerable: true,
    },
    subjects: { value: subjects, enumerable: true },
    description: { value: description, enumerable: true },
    payloadExample: { value: payloadExample, enumerable: true },
  }) as unknown as ExternalEventDefinition<P>;
}

export const ExternalInspectionResult = defineExternal(
  'External.InspectionResult',
  'Another department inspected an entity: its result counts toward the entity’s record.',
  ['entity'],
  InspectionResultPayload,
  {
    inspectionNumber: 'SW-2026-0412',
    inspectedOn: '2026-05-05',
    result: 'non-compliant',
    items: ['发票管理'],
    summary: '未按规定开具发票',
  },
  '91110105MA01ABCD13',
);
export const ExternalPenaltyDecision = defineExternal(
  'External.PenaltyDecision',
  'Another department decided a penalty: it counts toward the entity’s record (credit).',
  ['entity', 'case'],
  PenaltyDecisionPayload,
  {
    decisionNumber: '京税罚〔2026〕12号',
    decidedOn: '2026-05-06',
    penalty: { types: ['fine'], fine: 5_000 },
    legalBasis: '《税收征收管理法》第六十条',
    summary: '逾期未申报',
  },
  '91110105MA01ABCD13',
);
export const ExternalCaseStatusChange = defineExternal(
  'External.CaseStatusChange',
  'A department that received a case (e.g. a transfer to the judiciary) reports its status on that case.',
  ['case'],
  CaseStatusChangePayload,
  { externalCaseNumber: '京公（经）立字〔2026〕88号', status: 'accepted', note: '已立案侦查' },
  'case-7f2c1c7e-0000-4000-8000-000000000001',
);
export const ExternalRiskSignal = defineExternal(
  'External.RiskSignal',
  'A risk signal about an entity or a case, for risk alerts.',
  ['entity', 'case'],
  RiskSignalPayload,
  { signal: 'TAX-ARREARS', severity: 'medium', description: '欠缴税款超过 90 天', observedOn: '2026-05-01' },
  '91110105MA01ABCD13',
);

export const ExternalComplaint = defineExternal(
  'External.Complaint',
  'A complaint or report about an entity received by a complaints platform (12315): the risk alerts count them.',
  ['entity'],
  ComplaintPayload,
  { complaintNumber: '12315-2026-0917-0042', receivedOn: '2026-09-17', kind: 'complaint', category: '食品安全', summary: '购买的熟食变质' },
  '91110105MA01ABCD13',
);

/** The catalog: every external event type and version that systems may post. */
export const externalEvents: readonly ExternalEventDefinition[] = [
  ExternalInspectionResult,
  ExternalPenaltyDecision,
  ExternalCaseStatusChange,
  ExternalRiskSignal,
  ExternalComplaint,
];

/** The `dataschema` URI of a type's version, as the catalog publishes it. */
export const dataschemaOf = (def: { DETAIL_TYPE: string; VERSION: number }) => `urn:regulator:events:${def.DETAIL_TYPE}:v${def.VERSION}`;
