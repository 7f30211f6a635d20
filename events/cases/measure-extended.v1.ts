import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** A sealing or seizure extended once, by at most 30 days, with the agency head's approval (行政强制法 §25). */
export const MeasureExtended = defineEvent(
  SOURCE,
  'Cases.MeasureExtended',
  1,
  () =>
    z.strictObject({
      measureId: z.string().min(1).max(100),
      days: z.number().int().min(1).max(30),
      reason: z.string().min(1).max(4000),
      on: day,
      due: day.describe('the new end of the period'),
    }),
  { measureId: 'm-1', days: 30, reason: '情况复杂', on: '2026-05-30', due: '2026-07-03' },
);
