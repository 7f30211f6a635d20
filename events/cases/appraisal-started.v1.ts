import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const AppraisalStarted = defineEvent(
  SOURCE,
  'Cases.AppraisalStarted',
  1,
  () => z.strictObject({ on: day, subject: z.string().min(1).max(4000) }),
  { on: '2026-04-10', subject: '产品质量检验鉴定' },
);
