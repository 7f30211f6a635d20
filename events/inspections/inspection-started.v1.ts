import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { CHANNELS, position, SOURCE } from './values.ts';

export const InspectionStarted = defineEvent(
  SOURCE,
  'Inspections.InspectionStarted',
  1,
  () => z.strictObject({ channel: z.enum(CHANNELS), position: position.optional(), inspectors: z.array(z.string()).min(1).max(10) }),
  { channel: 'mobile-form', position: { lat: 39.92, lng: 116.46, accuracyM: 12 }, inspectors: ['insp-01', 'insp-02'] },
);
