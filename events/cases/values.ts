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
