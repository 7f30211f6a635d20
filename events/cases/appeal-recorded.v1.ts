import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * The party sought administrative review (行政复议) or filed a lawsuit (行政诉讼) against the decision, and later how
 * it ended: while one is pending, no court enforcement is sought (行政强制法 §53).
 */
export const AppealRecorded = defineEvent(
  SOURCE,
  'Cases.AppealRecorded',
  1,
  () =>
    z.strictObject({
      kind: z.enum(['review', 'lawsuit']),
      on: day,
      outcome: z.enum(['pending', 'upheld', 'changed', 'revoked']),
      note: z.string().max(4000),
    }),
  { kind: 'review', on: '2026-06-20', outcome: 'pending', note: '' },
);
