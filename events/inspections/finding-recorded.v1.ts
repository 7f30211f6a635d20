import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const FindingRecorded = defineEvent(
  SOURCE,
  'Inspections.FindingRecorded',
  1,
  () => z.strictObject({ findingId: z.string(), text: z.string().min(1).max(4000) }),
  { findingId: 'f-1', text: '冷藏柜温度 9℃，超出要求' },
);
