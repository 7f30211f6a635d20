import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { RESULTS, SOURCE } from './values.ts';

export const ResultRecorded = defineEvent(
  SOURCE,
  'Inspections.ResultRecorded',
  1,
  () => z.strictObject({ result: z.enum(RESULTS), summary: z.string().max(4000) }),
  { result: 'non-compliant', summary: '冷藏温度不符合要求' },
);
