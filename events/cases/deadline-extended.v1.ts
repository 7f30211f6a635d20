import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const DeadlineExtended = defineEvent(
  SOURCE,
  'Cases.DeadlineExtended',
  1,
  () => z.strictObject({ days: z.literal(30), reason: z.string().min(1).max(4000) }),
  {
    days: 30,
    reason: '案情复杂',
  },
);
