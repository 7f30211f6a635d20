import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const FlaggedComplex = defineEvent(
  SOURCE,
  'Cases.FlaggedComplex',
  1,
  () => z.strictObject({ reason: z.string().min(1).max(4000) }),
  {
    reason: '涉及多个违法行为，案情复杂',
  },
);
