import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** The written reminder (催告书) served on the party: court enforcement may be sought 10 days after it (行政强制法 §54). */
export const PaymentReminded = defineEvent(
  SOURCE,
  'Cases.PaymentReminded',
  1,
  () => z.strictObject({ on: day, note: z.string().max(4000) }),
  { on: '2026-12-10', note: '' },
);
