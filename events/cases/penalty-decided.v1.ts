import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, documentNumber, penalty, SOURCE } from './values.ts';

export const PenaltyDecided = defineEvent(
  SOURCE,
  'Cases.PenaltyDecided',
  1,
  () =>
    z.strictObject({
      on: day,
      penalty,
      reason: z.string().max(4000),
      major: z.array(z.string()),
      /** 文书编号: the number the agency's register gave the decision document (行政处罚法 §59 decision in writing). */
      documentNumber: documentNumber.optional(),
    }),
  {
    on: '2026-05-20',
    penalty: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
    reason: '',
    major: ['a hearing was held'],
  },
);
