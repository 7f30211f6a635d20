import * as z from 'zod';
import { agencyCode, usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { checklistSnapshot, SOURCE } from './values.ts';

/** One assigned inspection per selected entity of a draw; it appears on each team member's worklist. */
export const InspectionAssigned = defineEvent(
  SOURCE,
  'Inspections.InspectionAssigned',
  1,
  () =>
    z.strictObject({
      inspectionId: z.string(),
      taskId: z.string(),
      ownerAgency: agencyCode,
      drawId: z.string(),
      entity: z.strictObject({ uscc: usccFormat, name: z.string(), address: z.string(), region: z.string() }),
      items: z.array(z.string()).min(1),
      /** The checklists as they stood when the inspection was assigned. */
      checklists: z.array(checklistSnapshot),
      team: z.array(z.strictObject({ id: z.string(), agency: agencyCode })),
      shortfalls: z.array(z.strictObject({ agency: agencyCode, needed: z.number().int(), assigned: z.number().int() })),
      plannedStart: z.iso.date(),
      plannedEnd: z.iso.date(),
    }),
  {
    inspectionId: 'task-2026-0001~9144030071526726XG',
    taskId: 'task-2026-0001',
    ownerAgency: 'SAMR-110105',
    drawId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
    entity: { uscc: '9144030071526726XG', name: '示例公司', address: '深圳市南山区', region: '440305' },
    items: ['SC-FOOD-001'],
    checklists: [
      {
        item: 'SC-FOOD-001',
        name: '食品经营许可检查',
        legalBasis: '《食品安全法》第三十五条',
        questions: [{ id: 'q1', question: '是否持有有效许可证', mandatory: true }],
      },
    ],
    team: [
      { id: 'insp-01', agency: 'SAMR-110105' },
      { id: 'insp-02', agency: 'SAMR-110105' },
    ],
    shortfalls: [],
    plannedStart: '2026-04-01',
    plannedEnd: '2026-06-30',
  },
);
