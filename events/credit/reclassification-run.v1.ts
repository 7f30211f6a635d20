import * as z from 'zod';
import { agencyCode } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

const month = z.string().regex(/^\d{4}-\d{2}$/);
const totals = z.strictObject({
  agencies: z.number().int().min(0),
  entities: z.number().int().min(0),
  changed: z.number().int().min(0),
  failed: z.number().int().min(0),
});

/**
 * The month's re-classification reached its invocation's time budget and continues in the next one, from the
 * cursor (the agency it was in, and where in its class list). Its stream is the month's run, `credit-run/<yyyy-mm>`.
 */
export const ReclassificationHandedOver = defineEvent(
  SOURCE,
  'Credit.ReclassificationHandedOver',
  1,
  () =>
    z.strictObject({
      month,
      cursor: z.strictObject({ agency: agencyCode, classCursor: z.string().max(2000).optional() }),
      totals,
    }),
  {
    month: '2026-12',
    cursor: { agency: 'SAMR-110105', classCursor: 'eyJwayI6IlMjY3JlZGl0In0' },
    totals: { agencies: 1, entities: 4200, changed: 37, failed: 0 },
  },
);

/** The month's re-classification went over every classified entity of every agency. */
export const ReclassificationCompleted = defineEvent(
  SOURCE,
  'Credit.ReclassificationCompleted',
  1,
  () => z.strictObject({ month, totals }),
  { month: '2026-12', totals: { agencies: 3, entities: 12800, changed: 112, failed: 0 } },
);
