import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * An application to the people's court for enforcement (申请人民法院强制执行, 行政处罚法 §72, 行政强制法 §53–§55):
 * the fine and surcharge outstanding that day, and the earliest day the statutory periods allowed it.
 */
export const CourtEnforcementApplied = defineEvent(
  SOURCE,
  'Cases.CourtEnforcementApplied',
  1,
  () =>
    z.strictObject({
      on: day,
      court: z.string().min(1).max(200),
      fine: z.number().nonnegative().describe('yuan of the fine still unpaid'),
      surcharge: z.number().nonnegative().describe('yuan of surcharge (加处罚款) unpaid that day'),
      earliest: day,
    }),
  { on: '2027-01-05', court: '北京市朝阳区人民法院', fine: 20_000, surcharge: 20_000, earliest: '2026-12-21' },
);
