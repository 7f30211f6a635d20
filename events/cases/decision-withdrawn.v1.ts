import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const DecisionWithdrawn = defineEvent(
  SOURCE,
  'Cases.DecisionWithdrawn',
  1,
  () => z.strictObject({ on: day, reason: z.string().max(4000) }),
  { on: '2026-07-01', reason: '行政处罚决定已撤销' },
);
