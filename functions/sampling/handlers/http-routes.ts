import type { RouteKeyOf } from '#infra/topology';
import { NotFoundError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { publicSummary, publicView } from '../domain/result-publication.ts';
import { samplingMetricsOf } from '../domain/sampling-metrics.ts';
import { targetsFor } from '../domain/supervision-targets.ts';
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
} from '../domain/task-commands.ts';
import { contracts } from '../schemas.ts';
import { supervisionTargets, wired } from './wiring.ts';

const viewer = (r: HttpRequest<RouteContract>): Viewer => ({
  agency: r.principal.agency,
  jurisdiction: r.principal.jurisdiction,
  auditor: r.principal.roles.includes('auditor'),
});
const ctx = (r: HttpRequest<RouteContract>) => ({ actor: r.actor, agency: r.principal.agency, correlationId: r.correlationId });
const ok = (body: unknown) => ({ status: 200, body });

export const http = httpHandler<RouteKeyOf<'sampling'>>({
  'POST /sampling-tasks': route(
    () => contracts.createTask,
    async (r) => ({
      status: 201,
      body: await createTask(wired(), { ...ctx(r), jurisdiction: r.principal.jurisdiction }, r.body),
    }),
  ),
  'GET /sampling-tasks': route(
    () => contracts.listTasks,
    async (r) => ok(await wired().reads.tasksOf(r.principal.agency, r.query.limit, r.query.cursor)),
  ),
  'GET /sampling-tasks/{id}': route(
    () => contracts.getTask,
    async (r) => ok((await readTask(wired(), viewer(r), r.params.id)).state),
  ),
  'GET /sampling-tasks/{id}/preview': route(
    () => contracts.previewTask,
    async (r) => ok(await previewTask(wired(), viewer(r), r.params.id)),
  ),
  'POST /sampling-tasks/{id}/accept': route(
    () => contracts.acceptTask,
    async (r) => ok(await acceptTask(wired(), ctx(r), r.params.id, r.body.note)),
  ),
  'POST /sampling-tasks/{id}/draw': route(
    () => contracts.drawTask,
    async (r) => ok(await drawTask(wired(), ctx(r), r.params.id, r.body.witness)),
  ),
  'GET /sampling-tasks/{id}/proof': route(
    () => contracts.proof,
    async (r) => ok(await readProof(wired(), viewer(r), r.params.id)),
  ),
  'GET /sampling-tasks/{id}/populations/{stratum}': route(
    () => contracts.population,
    async (r) => ok(await readPopulation(wired(), viewer(r), r.params.id, r.params.stratum)),
  ),
  'GET /sampling-metrics': route(
    () => contracts.metrics,
    async (r) => ok(await samplingMetricsOf(wired(), viewer(r), r.query)),
  ),
  'GET /supervision-targets': route(
    () => contracts.targets,
    async (r) => {
      const jurisdiction = r.query.jurisdiction ?? r.principal.jurisdiction;
      const year = r.query.year ?? Number(wired().clock().toISOString().slice(0, 4));
      return ok(targetsFor(supervisionTargets, jurisdiction, year));
    },
  ),
  'GET /public/sampling-tasks': route(
    () => contracts.publicTasks,
    async (r) => {
      const page = await wired().reads.publicTasks(r.query.limit, r.query.cursor);
      const items = await Promise.all(
        page.items.map(async (t) => publicSummary(t, t.draw === undefined ? undefined : await wired().reads.inspectionResults(t))),
      );
      return ok({ items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
    },
  ),
  'GET /public/sampling-tasks/{id}': route(
    () => contracts.publicTask,
    async (r) => {
      const task = await wired().reads.task(r.params.id);
      if (task === undefined) throw new NotFoundError(`Sampling task ${r.params.id}`);
      const draw = task.state.draw;
      const selected = draw === undefined ? undefined : (await loadProof(wired(), draw)).strata.flatMap((s) => s.selected);
      const outcomes = draw === undefined ? undefined : await wired().reads.inspectionResults(task.state);
      const itemNames = Object.fromEntries(await wired().reads.itemNames(task.state.items));
      return ok({ ...publicView(task.state, selected, outcomes), itemNames });
    },
  ),
});
