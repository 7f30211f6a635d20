import * as z from 'zod';

/** Shapes shared by the events of an entity import job (POST /entities/imports). */
export const importJobId = z.string().regex(/^imp-[0-9a-f-]{36}$/, 'an import job id is imp- followed by a UUID');
export const importFormat = z.enum(['ndjson', 'csv']);

/** One row the job did not register: its line in the file (1-based, the CSV header is line 1) and why. */
export const importRowReport = z.strictObject({
  line: z.number().int().positive(),
  uscc: z.string().max(64).optional(),
  /** Bounded, so that a chunk's report always fits one stored event and one EventBridge entry (256 KB). */
  reason: z.string().min(1).max(500),
});
