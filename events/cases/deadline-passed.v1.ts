import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, deadlineName, SOURCE } from './values.ts';

export const DeadlinePassed = defineEvent(
  SOURCE,
  'Cases.DeadlinePassed',
  1,
  () => z.strictObject({ deadline: deadlineName, due: day, provisional: z.boolean() }),
  { deadline: 'decision', due: '2026-07-02', provisional: false },
);
