import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

export const CaseOpened = defineEvent(
  SOURCE,
  'Cases.CaseOpened',
  1,
  () =>
    z.strictObject({
      caseId: z.string(),
      entity: usccFormat,
      party: z.strictObject({ kind: z.enum(['person', 'organisation']), name: z.string().min(1).max(200) }),
      source: z.strictObject({ kind: z.enum(['inspection', 'complaint', 'alert', 'external']), ref: z.string().max(200) }),
      summary: z.string().max(4000),
      clueOn: day,
    }),
  {
    caseId: 'case-1',
    entity: '9144030071526726XG',
    party: { kind: 'organisation', name: '示例公司' },
    source: { kind: 'inspection', ref: 'task-1~9144030071526726XG' },
    summary: '无证经营',
    clueOn: '2026-04-02',
  },
);
