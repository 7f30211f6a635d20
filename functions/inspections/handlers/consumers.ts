import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { loadProof } from '#sampling/published';
import { eventConsumer } from '#shared/consumer-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { assignFromDraw } from '../domain/assign-from-draw.ts';
import { reads, wired } from './wiring.ts';

/** Rule `assign-inspections`: a draw creates one assigned inspection per selected entity (idempotent). */
export const assignInspections = eventConsumer(TaskDrawn, async (event) => {
  const blobs = new DynamoDbBlobStore(dynamodb(), tableName());
  await assignFromDraw(
    { store: wired().store, heads: (streams) => reads().heads(streams), proof: (draw) => loadProof({ blobs }, draw) },
    event,
  );
});
