import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { answer, CHANNELS, evidence, position, RESULTS } from './values.ts';

/** The inspection's life on the record (掌上执法). One definition per event type and version. */
const SOURCE = 'regulator.inspections';

export const InspectionStarted = defineEvent(
  SOURCE,
  'Inspections.InspectionStarted',
  1,
  z.strictObject({ channel: z.enum(CHANNELS), position: position.optional(), inspectors: z.array(z.string()).min(1).max(10) }),
  { channel: 'mobile-form', position: { lat: 39.92, lng: 116.46, accuracyM: 12 }, inspectors: ['insp-01', 'insp-02'] },
);

export const AnswersRecorded = defineEvent(SOURCE, 'Inspections.AnswersRecorded', 1, z.strictObject({ answers: z.array(answer).min(1) }), {
  answers: [{ item: 'SC-FOOD-001', question: 'q1', answer: 'yes' }],
});

export const FindingRecorded = defineEvent(
  SOURCE,
  'Inspections.FindingRecorded',
  1,
  z.strictObject({ findingId: z.string(), text: z.string().min(1).max(4000) }),
  { findingId: 'f-1', text: '冷藏柜温度 9℃，超出要求' },
);

export const EvidenceRecorded = defineEvent(SOURCE, 'Inspections.EvidenceRecorded', 1, evidence, {
  evidenceId: 'ev-1',
  kind: 'photo',
  sha256: 'a'.repeat(64),
  size: 204_800,
  contentType: 'image/jpeg',
  capturedAt: '2026-04-02T02:10:00.000Z',
  key: 'evidence/task-1~X/ev-1',
});

export const ResultRecorded = defineEvent(
  SOURCE,
  'Inspections.ResultRecorded',
  1,
  z.strictObject({ result: z.enum(RESULTS), summary: z.string().max(4000) }),
  { result: 'non-compliant', summary: '冷藏温度不符合要求' },
);

export const InspectionCompleted = defineEvent(
  SOURCE,
  'Inspections.InspectionCompleted',
  1,
  z.strictObject({
    entity: z.string(),
    result: z.enum(RESULTS),
    channel: z.enum(CHANNELS),
    inspectors: z.array(z.string()).min(2),
    answered: z.number().int(),
    evidence: z.number().int(),
    signature: z.string().optional(),
  }),
  {
    entity: '9144030071526726XG',
    result: 'compliant',
    channel: 'mobile-form',
    inspectors: ['insp-01', 'insp-02'],
    answered: 5,
    evidence: 2,
    signature: 'ev-3',
  },
);

/** A non-compliant result is a clue (线索) for a penalty case (the cases context consumes it). */
export const CaseClueRaised = defineEvent(
  SOURCE,
  'Inspections.CaseClueRaised',
  1,
  z.strictObject({
    inspectionId: z.string(),
    entity: z.string(),
    items: z.array(z.string()),
    summary: z.string(),
    findings: z.array(z.string()),
    evidence: z.array(z.string()),
  }),
  {
    inspectionId: 'task-1~X',
    entity: '9144030071526726XG',
    items: ['SC-FOOD-001'],
    summary: '冷藏温度不符合要求',
    findings: ['f-1'],
    evidence: ['ev-1'],
  },
);

/** A completed inspection is never edited: a correction is a new event with its reason (and its author, the actor). */
export const InspectionCorrected = defineEvent(
  SOURCE,
  'Inspections.InspectionCorrected',
  1,
  z.strictObject({
    field: z.enum(['summary', 'finding']),
    target: z.string().optional(),
    value: z.string().max(4000),
    reason: z.string().min(1).max(1000),
  }),
  { field: 'summary', value: '冷藏温度 9℃ 不符合要求', reason: '补充温度读数' },
);
