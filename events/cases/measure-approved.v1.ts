import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * The agency head's approval of a measure (行政强制法 §18–§19), or its refusal: a refused emergency measure is
 * released at once. `late`: an emergency measure's approval recorded more than 24 hours after it was taken.
 */
export const MeasureApproved = defineEvent(
  SOURCE,
  'Cases.MeasureApproved',
  1,
  () =>
    z.strictObject({
      measureId: z.string().min(1).max(100),
      approved: z.boolean(),
      opinion: z.string().min(1).max(4000),
      at: z.iso.datetime({ offset: true }),
      on: day,
      late: z.boolean(),
    }),
  { measureId: 'm-1', approved: true, opinion: '同意扣押', at: '2026-05-04T16:00:00+08:00', on: '2026-05-04', late: false },
);
