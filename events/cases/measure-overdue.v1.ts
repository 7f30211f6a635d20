import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, measureKind, SOURCE } from './values.ts';

/**
 * A measure past its period neither released nor extended (行政强制法 §25, §28 (四); 行政处罚法 §56 for evidence
 * preservation): recorded by the daily clock sweep, once per measure and end date. The risk alerts can raise on it.
 */
export const MeasureOverdue = defineEvent(
  SOURCE,
  'Cases.MeasureOverdue',
  1,
  () => z.strictObject({ measureId: z.string().min(1).max(100), kind: measureKind, due: day, provisional: z.boolean() }),
  { measureId: 'm-1', kind: 'seize', due: '2026-06-03', provisional: false },
);
