import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { SOURCE } from './values.ts';

/** A non-compliant result is a clue (线索) for a penalty case (the cases context consumes it). */
export const CaseClueRaised = defineEvent(
  SOURCE,
  'Inspections.CaseClueRaised',
  1,
  () =>
    z.strictObject({
      inspectionId: z.string(),
      entity: z.string(),
      items: z.array(z.string()),
      summary: z.string(),
      findings: z.array(z.string()),
      evidence: z.array(z.string()),
    }),
  {
    inspectionId: 'task-1~X',
    entity: '9144030071526726XG',
    items: ['SC-FOOD-001'],
    summary: '冷藏温度不符合要求',
    findings: ['f-1'],
    evidence: ['ev-1'],
  },
);
