import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const DecisionTakenDown = defineEvent(SOURCE, 'Cases.DecisionTakenDown', 1, () => z.strictObject({ on: day }), { on: '2029-05-20' });
