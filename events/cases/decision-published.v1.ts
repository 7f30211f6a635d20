import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, notice, SOURCE } from './values.ts';

export const DecisionPublished = defineEvent(
  SOURCE,
  'Cases.DecisionPublished',
  1,
  () => z.strictObject({ notice, publishedOn: day, takedownOn: day, period: z.enum(['3 months', '3 years']) }),
  {
    notice: {
      caseId: 'case-1',
      agency: 'SAMR-310000',
      entity: '9144030071526726XG',
      party: '张*',
      summary: '无证经营，联系电话138****5678',
      penalty: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
      decidedOn: '2026-05-20',
    },
    publishedOn: '2026-05-20',
    takedownOn: '2029-05-20',
    period: '3 years',
  },
);
