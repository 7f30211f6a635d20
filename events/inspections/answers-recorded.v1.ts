import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { answer, SOURCE } from './values.ts';

export const AnswersRecorded = defineEvent(
  SOURCE,
  'Inspections.AnswersRecorded',
  1,
  () => z.strictObject({ answers: z.array(answer).min(1) }),
  {
    answers: [{ item: 'SC-FOOD-001', question: 'q1', answer: 'yes' }],
  },
);
