import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const DecisionServed = defineEvent(SOURCE, 'Cases.DecisionServed', 1, () => z.strictObject({ on: day }), { on: '2026-05-22' });
