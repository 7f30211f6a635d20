import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const HearingHeld = defineEvent(
  SOURCE,
  'Cases.HearingHeld',
  1,
  () => z.strictObject({ from: day, to: day, summary: z.string().max(8000) }),
  {
    from: '2026-05-06',
    to: '2026-05-06',
    summary: '听证笔录',
  },
);
