import * as z from 'zod';

export const CHANNELS = ['mobile-form', 'desktop', 'paper'] as const;
export const RESULTS = ['compliant', 'non-compliant', 'not-found-at-address', 'refused'] as const;
export const ANSWERS = ['yes', 'no', 'not-applicable'] as const;
export const EVIDENCE_KINDS = ['photo', 'file', 'signature'] as const;

export const position = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().nonnegative().max(100_000),
  /** Set by the recording device when the fix was poor (the inspector app: accuracy over 50 m) and the inspector was warned. */
  poorFix: z.boolean().optional(),
});

export const answer = z.strictObject({
  item: z.string().min(1).max(40),
  question: z.string().min(1).max(40),
  answer: z.enum(ANSWERS),
  note: z.string().max(1000).optional(),
});

export const evidence = z.strictObject({
  evidenceId: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().positive(),
  contentType: z.string(),
  capturedAt: z.iso.datetime(),
  key: z.string(),
  caption: z.string().max(500).optional(),
});

export const checklistSnapshot = z.strictObject({
  item: z.string(),
  name: z.string(),
  legalBasis: z.string(),
  questions: z.array(z.strictObject({ id: z.string(), question: z.string(), mandatory: z.boolean() })),
});

/** The source every inspection event is published under (DESIGN §4, outbox). */
export const SOURCE = 'regulator.inspections';
