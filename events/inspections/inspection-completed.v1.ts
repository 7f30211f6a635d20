import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { CHANNELS, RESULTS, SOURCE } from './values.ts';

export const InspectionCompleted = defineEvent(
  SOURCE,
  'Inspections.InspectionCompleted',
  1,
  () =>
    z.strictObject({
      entity: z.string(),
      result: z.enum(RESULTS),
      channel: z.enum(CHANNELS),
      inspectors: z.array(z.string()).min(2),
      answered: z.number().int(),
      evidence: z.number().int(),
      signature: z.string().optional(),
    }),
  {
    entity: '9144030071526726XG',
    result: 'compliant',
    channel: 'mobile-form',
    inspectors: ['insp-01', 'insp-02'],
    answered: 5,
    evidence: 2,
    signature: 'ev-3',
  },
);
