import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const DecisionRevoked = defineEvent(
  SOURCE,
  'Cases.DecisionRevoked',
  1,
  () => z.strictObject({ on: day, reason: z.string().min(1).max(4000) }),
  { on: '2026-07-01', reason: '行政复议决定撤销' },
);
