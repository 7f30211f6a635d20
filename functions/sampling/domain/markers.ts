import { drawnMarkerPartition, inspectedMarkerPartition } from '../adapters/table-layout.ts';
import type { DrawProof } from './proof.ts';

/** Assignment markers count as "inspected" for 12 months; they are kept a little longer, then expire. */
const MARKER_DAYS = 400;

/** An inspector who inspected an entity is in conflict with it for 12 months (DESIGN §6, 回避). */
export function inspectedMarkers(
  entity: string,
  inspectors: readonly string[],
  completedAt: string,
  inspectionId: string,
): Record<string, unknown>[] {
  const expiresAt = Math.floor(Date.parse(completedAt) / 1000) + MARKER_DAYS * 86_400;
  return inspectors.map((inspector) => ({
    pk: inspectedMarkerPartition(entity),
    sk: `${completedAt}#${inspector}`,
    kind: 'marker',
    inspector,
    inspectionId,
    expiresAt,
  }));
}

/**
 * After a draw: each selected entity is marked drawn for each of the task's items in that year (left out of the next
 * draws), and each assigned inspector is marked on the entity (a conflict for the next 12 months).
 */
export function markersOf(
  task: { id: string; ownerAgency: string; items: readonly string[] },
  draw: { year: number; drawnAt: string },
  proof: Pick<DrawProof, 'assignments'>,
): Record<string, unknown>[] {
  const expiresAt = Math.floor(Date.parse(draw.drawnAt) / 1000) + MARKER_DAYS * 86_400;
  return proof.assignments.flatMap((a) => [
    ...task.items.map((code) => ({
      pk: drawnMarkerPartition(task.ownerAgency, code, draw.year),
      sk: a.entity,
      kind: 'marker',
      taskId: task.id,
    })),
    ...a.inspectors.map((inspector) => ({
      pk: inspectedMarkerPartition(a.entity),
      sk: `${draw.drawnAt}#${inspector}`,
      kind: 'marker',
      inspector,
      taskId: task.id,
      expiresAt,
    })),
  ]);
}
