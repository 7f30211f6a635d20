import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, deadlineName, SOURCE } from './values.ts';

/** Emitted by the daily clock sweep, once per deadline and due date. */
export const DeadlineApproaching = defineEvent(
  SOURCE,
  'Cases.DeadlineApproaching',
  1,
  () => z.strictObject({ deadline: deadlineName, due: day, daysLeft: z.number().int().nonnegative(), provisional: z.boolean() }),
  { deadline: 'decision', due: '2026-07-02', daysLeft: 10, provisional: false },
);
