import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * A deferral or payment by instalments (延期、分期缴纳, 行政处罚法 §66) approved by the agency: the schedule replaces the
 * fine's due date; a deferral is a schedule of one. The amounts add up to the fine not yet paid.
 */
export const InstalmentsApproved = defineEvent(
  SOURCE,
  'Cases.InstalmentsApproved',
  1,
  () =>
    z.strictObject({
      instalments: z
        .array(z.strictObject({ due: day, amount: z.number().positive().max(10_000_000_000) }))
        .min(1)
        .max(36),
      reason: z.string().min(1).max(4000),
      on: day,
    }),
  {
    instalments: [
      { due: '2026-07-01', amount: 10_000 },
      { due: '2026-08-01', amount: 10_000 },
    ],
    reason: '当事人确有经济困难',
    on: '2026-06-10',
  },
);
