import { createHash } from 'node:crypto';
import type { RouteKeyOf } from '#infra/topology';
import { ForbiddenError } from '#shared/errors';
import { fieldErrors } from '#shared/field-errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route } from '#shared/http-handler';
import { agencies, entitiesByIndustry, entitiesByRegion, inspectionItemsOf, inspectorsOf } from '../adapters/table-layout.ts';
import { type CommandContext, listRecords, readRecord, registerRecord, updateRecord, viewOf } from '../domain/directory-commands.ts';
import { classifyRows, readImport, requestImport } from '../domain/entity-import.ts';
import { parseCsv, parseNdjson } from '../domain/import-rows.ts';
import { type AgencyState, agencyKind, entityKind, inspectionItemKind, inspectorKind } from '../domain/record-kinds.ts';
import { contracts, EntityBody } from '../schemas.ts';
import { wired } from './wiring.ts';

const commandContext = (request: HttpRequest<RouteContract>): CommandContext => ({
  actor: request.actor,
  agency: request.principal.agency,
  correlationId: request.correlationId,
});

const ok = (body: unknown) => ({ status: 200, body });
const created = (body: unknown) => ({ status: 201, body });

/** The directory's routes, keyed by API Gateway route key. Each only wires a request to one domain call. */
export const routes: Record<RouteKeyOf<'directory'>, Route> = {
  'POST /agencies': route(
    () => contracts.registerAgency,
    async (r) => created(await registerRecord(wired(), agencyKind, commandContext(r), { code: r.principal.agency, ...r.body })),
  ),
  'PATCH /agencies/{code}': route(
    () => contracts.updateAgency,
    async (r) => {
      const { expectedVersion, ...patch } = r.body;
      return ok(await updateRecord(wired(), agencyKind, commandContext(r), r.params.code, expectedVersion, patch));
    },
  ),
  'GET /public/agencies': route(
    () => contracts.publicAgencies,
    async (r) => {
      const page = await listRecords<AgencyState>(wired(), { ...agencies(), ...r.query });
      return ok({ ...page, items: page.items.map(({ code, name, region }) => ({ code, name, region })) });
    },
  ),
  'POST /entities': route(
    () => contracts.createEntity,
    async (r) => created(await registerRecord(wired(), entityKind, commandContext(r), r.body)),
  ),
  'GET /entities/{uscc}': route(
    () => contracts.getEntity,
    async (r) => ok(viewOf(await readRecord(wired(), entityKind, r.principal.agency, r.params.uscc))),
  ),
  'GET /entities': route(
    () => contracts.listEntities,
    async (r) => {
      const { industry, region, limit, cursor } = r.query;
      const agency = r.principal.agency;
      const list = industry === undefined ? entitiesByRegion(agency) : entitiesByIndustry(agency, industry);
      const query = { ...list, prefix: region, limit, cursor };
      return ok(await listRecords(wired(), query));
    },
  ),
  'PATCH /entities/{uscc}': route(
    () => contracts.updateEntity,
    async (r) => {
      const { expectedVersion, ...patch } = r.body;
      return ok(await updateRecord(wired(), entityKind, commandContext(r), r.params.uscc, expectedVersion, patch));
    },
  ),
  'POST /entities/imports': route(
    () => contracts.startImport,
    async (r) => {
      const csv = r.contentType === 'text/csv';
      const entries = classifyRows(csv ? parseCsv(r.rawBody) : parseNdjson(r.rawBody), EntityBody, fieldErrors);
      const sha256 = createHash('sha256').update(r.rawBody).digest('hex');
      const job = await requestImport(
        wired(),
        commandContext(r),
        { format: csv ? 'csv' : 'ndjson', sha256, entries },
        `imp-${crypto.randomUUID()}`,
      );
      const { agency: _a, nextChunk: _n, chunks: _c, requestedBy, ...view } = job;
      return {
        status: 202,
        body: { ...view, requestedBy: requestedBy.id, rows: [] },
        headers: { location: `/entities/imports/${job.id}` },
      };
    },
  ),
  'GET /entities/imports/{id}': route(
    () => contracts.getImport,
    async (r) => {
      const cursor = r.query.cursor === undefined ? undefined : Number(r.query.cursor);
      return ok(await readImport(wired(), r.principal.agency, r.params.id, cursor));
    },
  ),
  'POST /inspectors': route(
    () => contracts.createInspector,
    async (r) => {
      const { id, ...rest } = r.body;
      return created(await registerRecord(wired(), inspectorKind, commandContext(r), { id: id ?? `insp-${crypto.randomUUID()}`, ...rest }));
    },
  ),
  'GET /inspectors/{id}': route(
    () => contracts.getInspector,
    async (r) => ok(viewOf(await readRecord(wired(), inspectorKind, r.principal.agency, r.params.id))),
  ),
  'GET /inspectors': route(
    () => contracts.listInspectors,
    async (r) => ok(await listRecords(wired(), { ...inspectorsOf(r.principal.agency), ...r.query })),
  ),
  'PATCH /inspectors/{id}': route(
    () => contracts.updateInspector,
    async (r) => {
      const { expectedVersion, ...patch } = r.body;
      return ok(await updateRecord(wired(), inspectorKind, commandContext(r), r.params.id, expectedVersion, patch));
    },
  ),
  'POST /inspection-items': route(
    () => contracts.createInspectionItem,
    async (r) => {
      const owners = new Set([r.principal.agency, ...(r.body.owningAgencies ?? [])]);
      return created(await registerRecord(wired(), inspectionItemKind, commandContext(r), { ...r.body, owningAgencies: [...owners] }));
    },
  ),
  'GET /inspection-items/{code}': route(
    () => contracts.getInspectionItem,
    async (r) => ok(viewOf(await readRecord(wired(), inspectionItemKind, r.principal.agency, r.params.code))),
  ),
  'GET /inspection-items': route(
    () => contracts.listInspectionItems,
    async (r) => ok(await listRecords(wired(), { ...inspectionItemsOf(r.principal.agency), ...r.query })),
  ),
  'PATCH /inspection-items/{code}': route(
    () => contracts.updateInspectionItem,
    async (r) => {
      const { expectedVersion, ...patch } = r.body;
      if (patch.owningAgencies !== undefined) {
        // An owner may add owners, never remove another: a co-owner cannot take an item over from the agency that made it.
        const current = await readRecord(wired(), inspectionItemKind, r.principal.agency, r.params.code);
        const removed = current.state.owningAgencies.filter((a) => a !== r.principal.agency && !patch.owningAgencies?.includes(a));
        if (removed.length > 0) throw new ForbiddenError(`An owning agency may add owners but not remove another: ${removed.join(', ')}.`);
        if (!patch.owningAgencies.includes(r.principal.agency)) patch.owningAgencies = [r.principal.agency, ...patch.owningAgencies];
      }
      return ok(await updateRecord(wired(), inspectionItemKind, commandContext(r), r.params.code, expectedVersion, patch));
    },
  ),
};

export const http = httpHandler(routes);
