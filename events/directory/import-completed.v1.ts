import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { importJobId } from './import-values.ts';

/** Every chunk was processed: the job's totals. */
export const ImportCompleted = defineEvent(
  'regulator.directory',
  'Directory.ImportCompleted',
  1,
  () =>
    z.strictObject({
      jobId: importJobId,
      total: z.number().int().nonnegative(),
      accepted: z.number().int().nonnegative(),
      duplicates: z.number().int().nonnegative(),
      rejected: z.number().int().nonnegative(),
    }),
  { jobId: 'imp-0b6c1d9e-8f4a-4c5e-9a7b-2f1e3d4c5b6a', total: 2, accepted: 1, duplicates: 0, rejected: 1 },
);
