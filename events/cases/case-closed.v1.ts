import { defineEvent } from '../stored-event.ts';
import { note, SOURCE } from './values.ts';

export const CaseClosed = defineEvent(SOURCE, 'Cases.CaseClosed', 1, () => note, { note: '' });
