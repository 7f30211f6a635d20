import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, measureKind, SOURCE } from './values.ts';

/** The daily clock sweep's warning that a measure's period ends soon, once per measure and end date. */
export const MeasureDeadlineApproaching = defineEvent(
  SOURCE,
  'Cases.MeasureDeadlineApproaching',
  1,
  () =>
    z.strictObject({
      measureId: z.string().min(1).max(100),
      kind: measureKind,
      due: day,
      daysLeft: z.number().int().nonnegative(),
      provisional: z.boolean(),
    }),
  { measureId: 'm-1', kind: 'seize', due: '2026-06-03', daysLeft: 5, provisional: false },
);
