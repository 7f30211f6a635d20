import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

/**
 * An emergency measure whose approval was not recorded within 24 hours (行政强制法 §19): reported by the clock sweep,
 * once per measure, never silently kept; the measure shows it until the approval or the release is recorded.
 */
export const MeasureApprovalOverdue = defineEvent(
  SOURCE,
  'Cases.MeasureApprovalOverdue',
  1,
  () => z.strictObject({ measureId: z.string().min(1).max(100), dueAt: z.iso.datetime({ offset: true }) }),
  { measureId: 'm-1', dueAt: '2026-05-05T10:15:00+08:00' },
);
