import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const PaymentRecorded = defineEvent(
  SOURCE,
  'Cases.PaymentRecorded',
  1,
  () => z.strictObject({ on: day, amount: z.number().nonnegative() }),
  {
    on: '2026-06-01',
    amount: 20_000,
  },
);
