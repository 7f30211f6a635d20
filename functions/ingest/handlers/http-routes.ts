import type { RouteKeyOf } from '#infra/topology';
import { NotFoundError } from '#shared/errors';
import { httpHandler, route } from '#shared/http-handler';
import { problems } from '#shared/problem';
import { systemsOf } from '../adapters/table-layout.ts';
import { eventCatalog } from '../domain/catalog.ts';
import { entriesOf } from '../domain/cloudevents.ts';
import { type ExternalRecord, externalStream } from '../domain/external-record.ts';
import { ingest } from '../domain/ingest.ts';
import { postingSystem, registerSystem, type SystemState, systemStream } from '../domain/systems.ts';
import { contracts } from '../schemas.ts';
import { wired } from './wiring.ts';

// Built on the first catalog request (JSON Schema for every type), not at every cold start.
let catalog: ReturnType<typeof eventCatalog> | undefined;

export const http = httpHandler<RouteKeyOf<'ingest'>>({
  'POST /systems': route(
    () => contracts.registerSystem,
    async (r) => ({
      status: 201,
      body: await registerSystem(wired(), { actor: r.actor, agency: r.principal.agency, correlationId: r.correlationId }, r.body),
    }),
  ),
  'GET /systems': route(
    () => contracts.listSystems,
    async (r) => {
      const page = await wired().reader.list<SystemState>({
        ...systemsOf(r.principal.agency),
        limit: r.query.limit,
        ...(r.query.cursor ? { cursor: r.query.cursor } : {}),
      });
      return { status: 200, body: { items: page.items.map((i) => i.state), ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  ),
  'POST /events': route(
    () => contracts.postEvents,
    async (r) => {
      // The system is found from the token's client id; its agency comes from the registration, never the token.
      const registered = await wired().reader.get<SystemState>(systemStream(r.principal.id));
      if (registered === undefined)
        throw problems.forbidden(`Client ${r.principal.id} is not a registered enforcement system (POST /systems).`);
      const system = postingSystem(registered.state);
      const wait = await wired().limiter.take(system.clientId, system.ratePerSecond);
      if (wait > 0) throw problems.tooManyRequests(`System ${system.id} may make ${system.ratePerSecond} requests per second.`, wait);
      const results = await ingest(wired(), system, entriesOf(r.contentType, r.rawBody, r.headers), r.correlationId);
      const count = (status: string) => results.filter((x) => x.status === status).length;
      const body = { accepted: count('accepted'), duplicate: count('duplicate'), rejected: count('rejected'), results };
      return { status: body.accepted === results.length ? 200 : 207, body };
    },
  ),
  'GET /events/catalog': route(
    () => contracts.catalog,
    async () => {
      catalog ??= eventCatalog();
      return { status: 200, body: catalog };
    },
  ),
  'GET /external-records/{subject}': route(
    () => contracts.externalRecord,
    async (r) => {
      const record = await wired().reader.get<ExternalRecord>(externalStream(r.principal.agency, r.params.subject));
      if (record === undefined) throw new NotFoundError(`A report about ${r.params.subject}`);
      return { status: 200, body: { ...record.state, version: record.version, updatedAt: record.updatedAt } };
    },
  ),
});
