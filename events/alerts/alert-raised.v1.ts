import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, factRef, HANDLER_ROLES, SOURCE, severity, subject } from './values.ts';

/**
 * A rule's condition held for a subject: the alert starts its closed loop (闭环处置) with the rule version that raised it,
 * the facts that made the condition, and the step deadlines the rule had then.
 */
export const AlertRaised = defineEvent(
  SOURCE,
  'Alerts.AlertRaised',
  1,
  () =>
    z.strictObject({
      alertId: z.string().min(1).max(100),
      rule: z.strictObject({
        id: z.string(),
        version: z.number().int().positive(),
        name: z.string(),
        why: z.string(),
        severity: severity(),
        role: z.enum(HANDLER_ROLES),
        window: z.strictObject({ days: z.number().int(), count: z.number().int() }),
        deadlines: z.strictObject({
          acknowledge: z.number().int(),
          verify: z.number().int(),
          dispose: z.number().int(),
          close: z.number().int(),
        }),
      }),
      subject: subject(),
      /** The region of the subject (an entity's, a case's), when known: metrics and the risk ranking group by it. */
      region: z.string().max(6),
      /** The entity behind the alert (a case's party; the subject itself when it is an entity), when there is one. */
      entity: z.string().max(18).optional(),
      facts: z.array(factRef()).min(1).max(1000),
      on: day,
    }),
  {
    alertId: 'alert-4f1c2d3e4b5a6c7d8e9f',
    rule: {
      id: 'repeat-non-compliance',
      version: 1,
      name: '一年内两次检查不合格',
      why: '国市监信发〔2022〕6号',
      severity: 'high',
      role: 'case-officer',
      window: { days: 365, count: 2 },
      deadlines: { acknowledge: 1, verify: 5, dispose: 5, close: 20 },
    },
    subject: { kind: 'entity', id: '9144030071526726XG' },
    region: '440305',
    entity: '9144030071526726XG',
    facts: [
      {
        stream: 'inspection/task-1~9144030071526726XG',
        seq: 7,
        type: 'Inspections.InspectionCompleted',
        on: '2026-05-06',
        fields: { result: 'non-compliant' },
      },
      {
        stream: 'external/SAMR-440305/9144030071526726XG',
        seq: 2,
        type: 'External.InspectionResult',
        on: '2026-09-14',
        fields: { result: 'non-compliant' },
      },
    ],
    on: '2026-09-14',
  },
);
