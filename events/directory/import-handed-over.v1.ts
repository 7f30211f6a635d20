import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { importJobId } from './import-values.ts';

/**
 * The invocation that ran the job stopped within its time budget; the next one continues at `nextChunk`
 * (this event is what starts it), so no invocation comes near its function's timeout.
 */
export const ImportHandedOver = defineEvent(
  'regulator.directory',
  'Directory.ImportHandedOver',
  1,
  () => z.strictObject({ jobId: importJobId, nextChunk: z.number().int().positive() }),
  { jobId: 'imp-0b6c1d9e-8f4a-4c5e-9a7b-2f1e3d4c5b6a', nextChunk: 40 },
);
