import { defineEvent } from '../stored-event.ts';
import { note, SOURCE } from './values.ts';

export const SubmittedForReview = defineEvent(SOURCE, 'Cases.SubmittedForReview', 1, () => note, { note: '' });
