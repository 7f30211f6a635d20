import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const StatementRecorded = defineEvent(
  SOURCE,
  'Cases.StatementRecorded',
  1,
  () => z.strictObject({ statement: z.string().min(1).max(8000) }),
  { statement: '当事人陈述…' },
);
