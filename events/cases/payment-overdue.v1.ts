import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * A fine still unpaid after its due date (15 days after service, 行政处罚法 §67): recorded by the daily clock sweep
 * beside `Cases.DeadlinePassed`, once per due date. The risk alerts watch it.
 */
export const PaymentOverdue = defineEvent(
  SOURCE,
  'Cases.PaymentOverdue',
  1,
  () => z.strictObject({ due: day, fine: z.number().positive().describe('yuan'), provisional: z.boolean() }),
  { due: '2026-07-20', fine: 50_000, provisional: false },
);
