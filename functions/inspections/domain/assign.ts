import { InspectionAssigned } from '#events/inspections/inspection-assigned.v1';
import type { AppendInput } from '#records/ports';
import { inspectionIndex, inspectionStream, worklistKey } from '../adapters/table-layout.ts';
import { assignedState, type ChecklistSnapshot, type EntitySummary } from './inspection.ts';

export type { ChecklistSnapshot, EntitySummary };

export interface DrawnAssignment {
  entity: string;
  inspectors: string[];
  shortfalls: { agency: string; needed: number; assigned: number }[];
}

export const inspectionId = (taskId: string, uscc: string) => `${taskId}~${uscc}`;
export { inspectionStream };

/**
 * One assigned inspection per selected entity: its stream starts with InspectionAssigned, and each team member
 * gets a worklist entry written in the same transaction, ordered by planned date.
 */
export function assignedInspection(input: {
  task: { id: string; ownerAgency: string; items: string[]; period: { start: string; end: string } };
  drawId: string;
  assignment: DrawnAssignment;
  entity: EntitySummary;
  checklists: ChecklistSnapshot[];
  agencyOf: (inspector: string) => string;
  correlationId: string;
}): AppendInput {
  const id = inspectionId(input.task.id, input.assignment.entity);
  const team = input.assignment.inspectors.map((inspector) => ({ id: inspector, agency: input.agencyOf(inspector) }));
  const data = {
    inspectionId: id,
    taskId: input.task.id,
    ownerAgency: input.task.ownerAgency,
    drawId: input.drawId,
    entity: input.entity,
    items: input.task.items,
    checklists: input.checklists,
    team,
    shortfalls: input.assignment.shortfalls,
    plannedStart: input.task.period.start,
    plannedEnd: input.task.period.end,
  };
  const assigned = { type: InspectionAssigned.DETAIL_TYPE, version: InspectionAssigned.VERSION, data };
  const state = assignedState(data);
  return {
    stream: inspectionStream(id),
    expectedVersion: 0,
    events: [assigned],
    actor: { id: 'sampling-draw', role: 'system', agency: input.task.ownerAgency },
    agency: input.task.ownerAgency,
    correlationId: input.correlationId,
    head: { state, index: inspectionIndex(data) },
    sideItems: team.map((member) => ({
      ...worklistKey(member.agency, member.id, data),
      attributes: { kind: 'worklist', entry: JSON.stringify(state) },
    })),
  };
}
