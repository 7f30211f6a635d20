import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const HearingRequested = defineEvent(SOURCE, 'Cases.HearingRequested', 1, () => z.strictObject({ on: day }), { on: '2026-04-22' });
