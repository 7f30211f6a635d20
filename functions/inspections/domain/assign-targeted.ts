import { entityStream, inspectionItemStream } from '#directory/adapters/table-layout';
import { TargetedInspectionAssigned } from '#events/inspections/targeted-inspection-assigned.v1';
import type { EventStore } from '#records/ports';
import { inspectionIndex, inspectionStream, worklistKey } from '../adapters/table-layout.ts';
import type { ChecklistSnapshot, EntitySummary } from './assign.ts';
import { targetedState } from './inspection.ts';

export interface TargetedDeps {
  store: Pick<EventStore, 'createMany'>;
  heads<T>(streams: readonly string[]): Promise<Map<string, T>>;
}

/** What an alert's disposal orders (Alerts.AlertDisposed, kind targeted-inspection). */
export interface TargetedOrder {
  alertId: string;
  agency: string;
  inspectionId: string;
  entity: string;
  items: string[];
  inspectors: { id: string; agency: string }[];
  on: string;
  plannedEnd: string;
  correlationId: string;
}

/**
 * A risk alert's disposal orders a targeted inspection (定向检查): one assigned inspection with the entity and the
 * checklists as they stand now, on each chosen inspector's worklist, recorded as targeted. Redelivery creates nothing
 * twice (the stream exists). Returns whether it was created now.
 */
export async function assignTargeted(deps: TargetedDeps, order: TargetedOrder): Promise<boolean> {
  const entityKey = entityStream(order.agency, order.entity);
  const [entities, items] = await Promise.all([
    deps.heads<EntitySummary>([entityKey]),
    deps.heads<{ name: string; legalBasis: string; checklist: ChecklistSnapshot['questions'] }>(order.items.map(inspectionItemStream)),
  ]);
  const entity = entities.get(entityKey);
  const checklists = order.items.flatMap((code) => {
    const item = items.get(inspectionItemStream(code));
    return item === undefined ? [] : [{ item: code, name: item.name, legalBasis: item.legalBasis, questions: item.checklist }];
  });
  const data = {
    inspectionId: order.inspectionId,
    alertId: order.alertId,
    ownerAgency: order.agency,
    entity: { uscc: order.entity, name: entity?.name ?? '', address: entity?.address ?? '', region: entity?.region ?? '' },
    items: order.items,
    checklists,
    team: order.inspectors,
    plannedStart: order.on,
    plannedEnd: order.plannedEnd,
  };
  const state = targetedState(data);
  const [outcome] = await deps.store.createMany([
    {
      stream: inspectionStream(order.inspectionId),
      expectedVersion: 0,
      events: [{ type: TargetedInspectionAssigned.DETAIL_TYPE, version: TargetedInspectionAssigned.VERSION, data }],
      actor: { id: 'risk-alerts', role: 'system', agency: order.agency },
      agency: order.agency,
      correlationId: order.correlationId,
      head: { state, index: inspectionIndex(data) },
      sideItems: order.inspectors.map((member) => ({
        ...worklistKey(member.agency, member.id, data),
        attributes: { kind: 'worklist', entry: JSON.stringify(state) },
      })),
    },
  ]);
  return outcome?.status === 'created';
}
