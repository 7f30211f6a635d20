import { InspectionCompleted } from '#events/inspections/inspection-events.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { eventConsumer } from '#shared/consumer-handler';
import { batchPutAll, dynamodb, tableName } from '#shared/dynamodb';
import { officialCalendar } from '#shared/working-days';
import { inspectedMarkers, markersOf } from '../domain/markers.ts';
import { sweepOverdue } from '../domain/result-publication.ts';
import { loadProof } from '../domain/task-commands.ts';
import { wired } from './wiring.ts';

/**
 * Rule `draw-markers`: after a draw, remember which entities were drawn for which items this year (left out of
 * the next draw) and who was assigned to them (a conflict for 12 months). Idempotent: markers are keyed.
 */
export const drawMarkers = eventConsumer(TaskDrawn, async (event) => {
  const task = await wired().reads.task(event.stream.replace(/^sampling-task\//, ''));
  if (task === undefined) throw new Error(`${event.stream} not found`);
  const proof = await loadProof(wired(), event.data);
  await batchPutAll(dynamodb(), tableName(), markersOf(task.state, event.data, proof));
});

/** Rule `inspected-markers`: a completed inspection puts its inspectors in conflict with the entity for 12 months. */
export const inspectedMarkersConsumer = eventConsumer(InspectionCompleted, async (event) => {
  await batchPutAll(dynamodb(), tableName(), inspectedMarkers(event.data.entity, event.data.inspectors, event.occurredAt, event.stream));
});

/** Schedule `publication-sweep`: flag drawn tasks whose results are overdue. */
export const publicationSweep = async (): Promise<{ flagged: number }> => ({
  flagged: await sweepOverdue(wired(), new Date(), await officialCalendar()),
});
