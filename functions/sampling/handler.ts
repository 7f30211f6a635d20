import { randomBytes } from 'node:crypto';
import { InspectionCompleted } from '#events/inspections/inspection-events.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import type { ConsumerOf, RouteKeyOf } from '#infra/topology';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { batchPutAll, dynamodb, tableName } from '#shared/dynamodb';
import { NotFoundError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { configuredCalendar, officialCalendar } from '#shared/working-days';
import { DynamoDbSamplingReads } from './adapters/dynamodb-sampling-reads.ts';
import { inspectedMarkers, markersOf } from './domain/markers.ts';
import { publicSummary, publicView, sweepOverdue } from './domain/result-publication.ts';
import { samplingMetrics } from './domain/sampling-metrics.ts';
import {
  acceptTask,
  createTask,
  drawTask,
  loadProof,
  previewTask,
  readPopulation,
  readProof,
  readTask,
  type Viewer,
} from './domain/task-commands.ts';
import type { SamplingDeps } from './ports.ts';
import { contracts } from './schemas.ts';

// A bad OFFICIAL_CALENDAR stops the function at start-up, naming the variable, rather than failing a request.
configuredCalendar();

let wiredDeps: (SamplingDeps & { reads: DynamoDbSamplingReads }) | undefined;
const deps = () => {
  wiredDeps ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reads: new DynamoDbSamplingReads(dynamodb(), tableName()),
    blobs: new DynamoDbBlobStore(dynamodb(), tableName()),
    clock: () => new Date(),
    randomBytes,
  };
  return wiredDeps;
};

const viewer = (r: HttpRequest<RouteContract>): Viewer => ({
  agency: r.principal.agency,
  jurisdiction: r.principal.jurisdiction,
  auditor: r.principal.roles.includes('auditor'),
});
const ctx = (r: HttpRequest<RouteContract>) => ({ actor: r.actor, agency: r.principal.agency, correlationId: r.correlationId });
const ok = (body: unknown) => ({ status: 200, body });

export const http = httpHandler<RouteKeyOf<'sampling'>>({
  'POST /sampling-tasks': route(contracts.createTask, async (r) => ({
    status: 201,
    body: await createTask(deps(), { ...ctx(r), jurisdiction: r.principal.jurisdiction }, r.body),
  })),
  'GET /sampling-tasks': route(contracts.listTasks, async (r) =>
    ok(await deps().reads.tasksOf(r.principal.agency, r.query.limit, r.query.cursor)),
  ),
  'GET /sampling-tasks/{id}': route(contracts.getTask, async (r) => ok((await readTask(deps(), viewer(r), r.params.id)).state)),
  'GET /sampling-tasks/{id}/preview': route(contracts.previewTask, async (r) => ok(await previewTask(deps(), viewer(r), r.params.id))),
  'POST /sampling-tasks/{id}/accept': route(contracts.acceptTask, async (r) =>
    ok(await acceptTask(deps(), ctx(r), r.params.id, r.body.note)),
  ),
  'POST /sampling-tasks/{id}/draw': route(contracts.drawTask, async (r) => ok(await drawTask(deps(), ctx(r), r.params.id, r.body.witness))),
  'GET /sampling-tasks/{id}/proof': route(contracts.proof, async (r) => ok(await readProof(deps(), viewer(r), r.params.id))),
  'GET /sampling-tasks/{id}/populations/{stratum}': route(contracts.population, async (r) =>
    ok(await readPopulation(deps(), viewer(r), r.params.id, r.params.stratum)),
  ),
  'GET /sampling-metrics': route(contracts.metrics, async (r) => {
    const agency = r.principal.agency;
    const tasks = [];
    let cursor: string | undefined;
    do {
      const page = await deps().reads.tasksOf(agency, 100, cursor);
      tasks.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined);
    const owned = await deps().reads.ownedItemCodes(agency);
    return ok(samplingMetrics(agency, r.query.from, r.query.to, tasks, owned));
  }),
  'GET /public/sampling-tasks': route(contracts.publicTasks, async (r) => {
    const page = await deps().reads.publicTasks(r.query.limit, r.query.cursor);
    const items = await Promise.all(
      page.items.map(async (t) => publicSummary(t, t.draw === undefined ? undefined : await deps().reads.inspectionResults(t))),
    );
    return ok({ items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
  }),
  'GET /public/sampling-tasks/{id}': route(contracts.publicTask, async (r) => {
    const task = await deps().reads.task(r.params.id);
    if (task === undefined) throw new NotFoundError(`Sampling task ${r.params.id}`);
    const draw = task.state.draw;
    const selected = draw === undefined ? undefined : (await loadProof(deps(), draw)).strata.flatMap((s) => s.selected);
    const outcomes = draw === undefined ? undefined : await deps().reads.inspectionResults(task.state);
    const itemNames = Object.fromEntries(await deps().reads.itemNames(task.state.items));
    return ok({ ...publicView(task.state, selected, outcomes), itemNames });
  }),
});

/**
 * Rule `draw-markers`: after a draw, remember which entities were drawn for which items this year (left out of
 * the next draw) and who was assigned to them (a conflict for 12 months). Idempotent: markers are keyed.
 */
export const drawMarkers = eventConsumer(TaskDrawn, async (event) => {
  const task = await deps().reads.task(event.stream.replace(/^sampling-task\//, ''));
  if (task === undefined) throw new Error(`${event.stream} not found`);
  const proof = await loadProof(deps(), event.data);
  await batchPutAll(dynamodb(), tableName(), markersOf(task.state, event.data, proof));
});

/** Rule `inspected-markers`: a completed inspection puts its inspectors in conflict with the entity for 12 months. */
export const inspectedMarkersConsumer = eventConsumer(InspectionCompleted, async (event) => {
  await batchPutAll(dynamodb(), tableName(), inspectedMarkers(event.data.entity, event.data.inspectors, event.occurredAt, event.stream));
});

/** Schedule `publication-sweep`: flag drawn tasks whose results are overdue. */
export const publicationSweep = async (): Promise<{ flagged: number }> => ({
  flagged: await sweepOverdue(deps(), new Date(), await officialCalendar()),
});

export const handler = contextHandler<ConsumerOf<'sampling'>>({
  http,
  events: { 'draw-markers': drawMarkers, 'inspected-markers': inspectedMarkersConsumer, 'publication-sweep': publicationSweep },
});
