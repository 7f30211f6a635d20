import { AlertDisposed } from '#events/alerts/alert-events.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { loadProof } from '#sampling/published';
import { eventConsumer } from '#shared/consumer-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { assignFromDraw } from '../domain/assign-from-draw.ts';
import { assignTargeted } from '../domain/assign-targeted.ts';
import { reads, wired } from './wiring.ts';

/** Rule `assign-inspections`: a draw creates one assigned inspection per selected entity (idempotent). */
export const assignInspections = eventConsumer(TaskDrawn, async (event) => {
  const blobs = new DynamoDbBlobStore(dynamodb(), tableName());
  await assignFromDraw(
    { store: wired().store, heads: (streams) => reads().heads(streams), proof: (draw) => loadProof({ blobs }, draw) },
    event,
  );
});

/** Rule `alert-targeted-inspections`: an alert disposed of by a targeted inspection gets it, on the chosen worklists (idempotent). */
export const alertTargetedInspections = eventConsumer(AlertDisposed, async (event) => {
  const disposal = event.data.disposal;
  if (disposal.kind !== 'targeted-inspection') return;
  await assignTargeted(
    { store: wired().store, heads: (streams) => reads().heads(streams) },
    {
      alertId: event.data.alertId,
      agency: event.agency,
      inspectionId: disposal.inspectionId,
      entity: disposal.entity,
      items: disposal.items,
      inspectors: disposal.inspectors,
      on: event.data.on,
      plannedEnd: disposal.plannedEnd,
      correlationId: event.correlationId,
    },
  );
});
