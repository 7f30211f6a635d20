import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, measureItem, measureKind, SOURCE } from './values.ts';

/**
 * A coercive measure or evidence preservation taken on a case: with the approval of the agency head first (not in
 * force until `Cases.MeasureApproved`), or on the spot in an emergency (in force at once, approval due within 24 hours,
 * 行政强制法 §19).
 */
export const MeasureTaken = defineEvent(
  SOURCE,
  'Cases.MeasureTaken',
  1,
  () =>
    z.strictObject({
      measureId: z.string().min(1).max(100),
      kind: measureKind,
      items: z.array(measureItem).min(1).max(200),
      reason: z.string().min(1).max(4000),
      emergency: z.boolean(),
      at: z.iso.datetime({ offset: true }),
      on: day,
    }),
  {
    measureId: 'm-1',
    kind: 'seize',
    items: [
      {
        name: '过期预包装食品',
        quantity: 120,
        unit: '袋',
        photos: [{ evidenceId: 'ev-1', sha256: 'a'.repeat(64), size: 48_213, contentType: 'image/jpeg' }],
      },
    ],
    reason: '涉嫌销售超过保质期的食品',
    emergency: true,
    at: '2026-05-04T10:15:00+08:00',
    on: '2026-05-04',
  },
);
