import * as z from 'zod';
import { agencyCode, usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { checklistSnapshot, SOURCE } from './values.ts';

/**
 * A targeted inspection (定向检查) ordered by the disposal of a risk alert: chosen, not drawn. It appears on each team
 * member's worklist like a drawn one, and its completion is the alert's feedback.
 */
export const TargetedInspectionAssigned = defineEvent(
  SOURCE,
  'Inspections.TargetedInspectionAssigned',
  1,
  () =>
    z.strictObject({
      inspectionId: z.string(),
      alertId: z.string(),
      ownerAgency: agencyCode,
      entity: z.strictObject({ uscc: usccFormat, name: z.string(), address: z.string(), region: z.string() }),
      items: z.array(z.string()).min(1),
      checklists: z.array(checklistSnapshot),
      team: z.array(z.strictObject({ id: z.string(), agency: agencyCode })).min(2),
      plannedStart: z.iso.date(),
      plannedEnd: z.iso.date(),
    }),
  {
    inspectionId: 'alert-4f1c2d3e4b5a6c7d8e9f~1',
    alertId: 'alert-4f1c2d3e4b5a6c7d8e9f',
    ownerAgency: 'SAMR-440305',
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
      { id: 'insp-01', agency: 'SAMR-440305' },
      { id: 'insp-02', agency: 'SAMR-440305' },
    ],
    plannedStart: '2026-09-17',
    plannedEnd: '2026-09-30',
  },
);
