/** Shapes the penalty case's events share (行政处罚): one event type per lifecycle step, version 1. */
import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';

/** The source every case event is published under (DESIGN §4, outbox). */
export const SOURCE = 'regulator.cases';
export const day = z.iso.date();
export const penalty = z.strictObject({
  types: z
    .array(z.enum(['warning', 'fine', 'confiscation', 'suspension', 'licence-revocation']))
    .min(1)
    .max(5),
  /** Yuan; bounded so that a typo such as 1e308 is refused rather than recorded (no fine comes near ¥10 billion). */
  fine: z.number().nonnegative().max(10_000_000_000).optional(),
  violationCode: z.string().min(1).max(40),
  level: z.enum(['lighter', 'normal', 'heavier']),
});
/** 文书编号 such as 京朝市监处罚〔2026〕123号. */
export const documentNumber = z.string().trim().min(1).max(100);
export const note = z.strictObject({ note: z.string().max(4000).default('') });
export const deadlineName = z.enum(['registration', 'decision', 'hearing-request', 'payment']);
/** The public notice of a decision (一公开), personal data masked; on the case's publication stream. */
export const notice = z.strictObject({
  caseId: z.string(),
  agency: z.string(),
  entity: usccFormat,
  party: z.string().describe('a natural person’s name in part'),
  summary: z.string().max(4000),
  penalty,
  decidedOn: day,
  /** 违法行为: the violation's name in the agency's discretion table (裁量基准), when the table names it. */
  violationName: z.string().max(200).optional(),
  documentNumber: documentNumber.optional(),
});

/** Coercive measures (行政强制法 §22–§28) and evidence preservation (先行登记保存, 行政处罚法 §56). */
export const MEASURE_KINDS = ['seal', 'seize', 'preserve'] as const;
export const measureKind = z.enum(MEASURE_KINDS);
/** A photo of a listed item: uploaded to the evidence store, hashed by the server (as an inspection's evidence). */
export const measurePhoto = z.strictObject({
  evidenceId: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  contentType: z.string().max(100),
});
/** One line of the list of sealed, seized or preserved things (查封扣押清单), with its photos. */
export const measureItem = z.strictObject({
  name: z.string().trim().min(1).max(200),
  quantity: z.number().positive().max(1e9),
  unit: z.string().trim().min(1).max(20),
  place: z.string().max(200).optional(),
  photos: z.array(measurePhoto).min(1).max(20),
});
export const RELEASE_REASONS = ['no-violation', 'unrelated', 'decided', 'period-ended', 'no-longer-needed', 'approval-refused'] as const;
export const DISPOSITIONS = ['returned', 'confiscated', 'converted'] as const;
