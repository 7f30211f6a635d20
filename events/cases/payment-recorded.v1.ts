import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const PaymentRecorded = defineEvent(
  SOURCE,
  'Cases.PaymentRecorded',
  1,
  () =>
    z.strictObject({
      on: day,
      amount: z.number().nonnegative(),
      /** How the payment was applied (absent on payments recorded before enforcement: the fine paid in full). */
      fine: z.number().nonnegative().optional().describe('yuan of the fine paid'),
      surcharge: z.number().nonnegative().optional().describe('yuan of surcharge (加处罚款, 行政处罚法 §72) paid'),
      outstanding: z.number().nonnegative().optional().describe('yuan still owed after it, fine and surcharge'),
    }),
  {
    on: '2026-06-01',
    amount: 20_000,
  },
);
