import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { DISPOSITIONS, day, RELEASE_REASONS, SOURCE } from './values.ts';

/**
 * A measure ended (解除, 行政强制法 §28; for evidence preservation, the decision §56 asks for within 7 days): why, and
 * what became of the things: returned to the party, confiscated by the decision, or converted into a sealing or seizure.
 */
export const MeasureReleased = defineEvent(
  SOURCE,
  'Cases.MeasureReleased',
  1,
  () =>
    z.strictObject({
      measureId: z.string().min(1).max(100),
      on: day,
      reason: z.enum(RELEASE_REASONS),
      disposition: z.enum(DISPOSITIONS),
      note: z.string().max(4000),
    }),
  { measureId: 'm-1', on: '2026-06-20', reason: 'decided', disposition: 'confiscated', note: '' },
);
