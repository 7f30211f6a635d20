import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const CaseTransferred = defineEvent(
  SOURCE,
  'Cases.CaseTransferred',
  1,
  () =>
    z.strictObject({
      to: z.string().min(1).max(200),
      reason: z.string().min(1).max(4000),
      /**
       * The file handed over (行刑衔接): the export of the case's timeline as it stood (NDJSON), its SHA-256, and the
       * hash chain's head that seals it; the measures in force handed over with it. Absent on earlier transfers.
       */
      file: z
        .strictObject({
          events: z.number().int().nonnegative(),
          headHash: z.string(),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          bytes: z.number().int().nonnegative(),
          measures: z.array(z.string()),
        })
        .optional(),
    }),
  {
    to: '公安机关',
    reason: '涉嫌犯罪',
  },
);
