import { defineEvent } from '../stored-event.ts';
import { note, SOURCE } from './values.ts';

export const InvestigationStarted = defineEvent(SOURCE, 'Cases.InvestigationStarted', 1, () => note, { note: '' });
