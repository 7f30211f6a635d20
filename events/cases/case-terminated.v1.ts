import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const CaseTerminated = defineEvent(
  SOURCE,
  'Cases.CaseTerminated',
  1,
  () => z.strictObject({ reason: z.string().min(1).max(4000) }),
  {
    reason: '违法事实不能成立',
  },
);
