import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { importJobId, importRowReport } from './import-values.ts';

/** One chunk of an import's rows was written; every row is accounted for: accepted, duplicate or rejected. */
export const ImportChunkProcessed = defineEvent(
  'regulator.directory',
  'Directory.ImportChunkProcessed',
  1,
  () =>
    z.strictObject({
      jobId: importJobId,
      chunk: z.number().int().nonnegative(),
      rows: z.number().int().nonnegative(),
      accepted: z.number().int().nonnegative(),
      duplicates: z.array(importRowReport).max(1000),
      rejected: z.array(importRowReport).max(1000),
    }),
  {
    jobId: 'imp-0b6c1d9e-8f4a-4c5e-9a7b-2f1e3d4c5b6a',
    chunk: 0,
    rows: 2,
    accepted: 1,
    duplicates: [],
    rejected: [{ line: 3, uscc: '91110000100000000X', reason: 'uscc: wrong check character' }],
  },
);
