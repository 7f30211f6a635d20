import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const AppraisalEnded = defineEvent(
  SOURCE,
  'Cases.AppraisalEnded',
  1,
  () => z.strictObject({ on: day, outcome: z.string().max(4000) }),
  {
    on: '2026-04-24',
    outcome: '鉴定意见：不合格',
  },
);
