import { entityStream, inspectionItemStream } from '#directory/adapters/table-layout';
import type { EventStore } from '#records/ports';
import type { DrawProof, DrawRecord, TaskState } from '#sampling/published';
import { assignedInspection, type ChecklistSnapshot, type EntitySummary } from './assign.ts';

export interface AssignDeps {
  store: EventStore;
  heads<T>(streams: readonly string[]): Promise<Map<string, T>>;
  proof(draw: DrawRecord): Promise<DrawProof>;
}

/**
 * A draw creates one assigned inspection per selected entity, with the entity and the checklists as they stand now,
 * on each team member's worklist. Redelivery creates nothing twice (the streams exist).
 */
export async function assignFromDraw(
  deps: AssignDeps,
  event: { stream: string; correlationId: string; data: DrawRecord },
): Promise<number> {
  const task = (await deps.heads<TaskState>([event.stream])).get(event.stream);
  if (task === undefined) throw new Error(`task ${event.stream} not found`);
  const proof = await deps.proof(event.data);
  const agencyOf = new Map(proof.pool.map((p) => [p.id, p.agency]));
  const entities = await deps.heads<EntitySummary>(proof.assignments.map((a) => entityStream(task.ownerAgency, a.entity)));
  const items = await deps.heads<{ name: string; legalBasis: string; checklist: ChecklistSnapshot['questions'] }>(
    task.items.map((code) => inspectionItemStream(code)),
  );
  const checklists = task.items.flatMap((code) => {
    const item = items.get(inspectionItemStream(code));
    return item === undefined ? [] : [{ item: code, name: item.name, legalBasis: item.legalBasis, questions: item.checklist }];
  });
  const outcomes = await deps.store.createMany(
    proof.assignments.map((assignment) => {
      const entity = entities.get(entityStream(task.ownerAgency, assignment.entity));
      return assignedInspection({
        task,
        drawId: event.data.drawId,
        assignment,
        entity: { uscc: assignment.entity, name: entity?.name ?? '', address: entity?.address ?? '', region: entity?.region ?? '' },
        checklists,
        agencyOf: (id) => agencyOf.get(id) ?? task.ownerAgency,
        correlationId: event.correlationId,
      });
    }),
  );
  return outcomes.filter((o) => o.status === 'created').length;
}
