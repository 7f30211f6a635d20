import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const CaseRegistered = defineEvent(
  SOURCE,
  'Cases.CaseRegistered',
  1,
  () => z.strictObject({ on: day, note: z.string().max(4000) }),
  {
    on: '2026-04-03',
    note: '',
  },
);
