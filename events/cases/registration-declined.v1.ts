import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const RegistrationDeclined = defineEvent(
  SOURCE,
  'Cases.RegistrationDeclined',
  1,
  () => z.strictObject({ reason: z.string().min(1).max(4000) }),
  { reason: '证据不足' },
);
