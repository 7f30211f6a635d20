import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const CaseTransferred = defineEvent(
  SOURCE,
  'Cases.CaseTransferred',
  1,
  () => z.strictObject({ to: z.string().min(1).max(200), reason: z.string().min(1).max(4000) }),
  {
    to: '公安机关',
    reason: '涉嫌犯罪',
  },
);
