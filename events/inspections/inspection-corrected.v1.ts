import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

/** A completed inspection is never edited: a correction is a new event with its reason (and its author, the actor). */
export const InspectionCorrected = defineEvent(
  SOURCE,
  'Inspections.InspectionCorrected',
  1,
  () =>
    z.strictObject({
      field: z.enum(['summary', 'finding']),
      target: z.string().optional(),
      value: z.string().max(4000),
      reason: z.string().min(1).max(1000),
    }),
  { field: 'summary', value: '冷藏温度 9℃ 不符合要求', reason: '补充温度读数' },
);
