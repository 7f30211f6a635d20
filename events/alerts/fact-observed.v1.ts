import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { factRef, SOURCE, subject } from './values.ts';

/**
 * A fact a rule counts, on the rule's watch of one subject (`alert-watch/<agency>/<rule>/<subject>`): the record of why
 * an alert was, or was not yet, raised. Each source event is observed once, whatever the order it arrives in.
 */
export const FactObserved = defineEvent(
  SOURCE,
  'Alerts.FactObserved',
  1,
  () =>
    z.strictObject({
      rule: z.string(),
      ruleVersion: z.number().int().positive(),
      subject: subject(),
      /** The rule's window then: the watch keeps the facts that can still count in it. */
      windowDays: z.number().int().min(0),
      fact: factRef(),
      raised: z.string().optional(),
    }),
  {
    rule: 'repeat-non-compliance',
    ruleVersion: 1,
    subject: { kind: 'entity', id: '9144030071526726XG' },
    windowDays: 365,
    fact: {
      stream: 'inspection/task-1~9144030071526726XG',
      seq: 7,
      type: 'Inspections.InspectionCompleted',
      on: '2026-05-06',
      fields: { result: 'non-compliant' },
    },
    raised: 'alert-4f1c2d3e4b5a6c7d8e9f',
  },
);
