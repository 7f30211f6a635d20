import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, penalty, SOURCE } from './values.ts';

export const PenaltyNotified = defineEvent(SOURCE, 'Cases.PenaltyNotified', 1, () => z.strictObject({ on: day, proposed: penalty }), {
  on: '2026-04-20',
  proposed: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
});
