import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

export const LegalReviewed = defineEvent(
  SOURCE,
  'Cases.LegalReviewed',
  1,
  () => z.strictObject({ approved: z.boolean(), opinion: z.string().min(1).max(8000) }),
  {
    approved: true,
    opinion: '事实清楚，证据确凿，适用依据正确，程序合法',
  },
);
