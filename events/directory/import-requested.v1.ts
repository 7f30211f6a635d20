import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { importFormat, importJobId } from './import-values.ts';

/** A file was received and stored in chunks; the import job starts. */
export const ImportRequested = defineEvent(
  'regulator.directory',
  'Directory.ImportRequested',
  1,
  () =>
    z.strictObject({
      jobId: importJobId,
      format: importFormat,
      /** Rows in the file (data rows; rows that could not be read count too, and are reported). */
      total: z.number().int().positive(),
      chunks: z.number().int().positive(),
      /** SHA-256 of the file as received, so the job can be tied to the file a user kept. */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  { jobId: 'imp-0b6c1d9e-8f4a-4c5e-9a7b-2f1e3d4c5b6a', format: 'csv', total: 2, chunks: 1, sha256: '0'.repeat(64) },
);
