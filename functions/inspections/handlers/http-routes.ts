import type { RouteKeyOf } from '#infra/topology';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { attachEvidence, type Caller, evidenceDownload, readInspection, requestUpload, runCommand } from '../domain/commands.ts';
import { complete, correct, recordAnswers, recordFinding, recordResult, start } from '../domain/inspection.ts';
import { completedOnSite, countedInspections, mobileShare, worklistView } from '../domain/reporting.ts';
import { contracts } from '../schemas.ts';
import { reads, wired } from './wiring.ts';

const caller = (r: HttpRequest<RouteContract>): Caller => ({
  id: r.principal.id,
  agency: r.principal.agency,
  roles: r.principal.roles,
  jurisdiction: r.principal.roles.includes('auditor') ? r.principal.jurisdiction : '',
  actor: r.actor,
  correlationId: r.correlationId,
});
const ok = (body: unknown) => ({ status: 200, body });
const by = (r: HttpRequest<RouteContract>) => r.principal.id;

/** The caller as a reader of figures: auditors read other agencies of their jurisdiction. */
const reader = (r: HttpRequest<RouteContract>) => ({
  agency: r.principal.agency,
  jurisdiction: r.principal.jurisdiction,
  auditor: r.principal.roles.includes('auditor'),
});

export const http = httpHandler<RouteKeyOf<'inspections'>>({
  'GET /inspections/{id}': route(
    () => contracts.getInspection,
    async (r) => ok(await readInspection(wired(), caller(r), r.params.id)),
  ),
  'POST /inspections/{id}/start': route(
    () => contracts.start,
    async (r) => {
      const { at, ...input } = r.body;
      return ok(await runCommand(wired(), caller(r), r.params.id, (state) => start(state, { at, ...input }, by(r))));
    },
  ),
  'POST /inspections/{id}/answers': route(
    () => contracts.answers,
    async (r) => ok(await runCommand(wired(), caller(r), r.params.id, (state) => recordAnswers(state, r.body.answers, r.body.at, by(r)))),
  ),
  'POST /inspections/{id}/findings': route(
    () => contracts.findings,
    async (r) =>
      ok(
        await runCommand(wired(), caller(r), r.params.id, (state) =>
          recordFinding(state, { findingId: r.body.findingId, text: r.body.text }, r.body.at, by(r)),
        ),
      ),
  ),
  'POST /inspections/{id}/result': route(
    () => contracts.result,
    async (r) =>
      ok(
        await runCommand(wired(), caller(r), r.params.id, (state) =>
          recordResult(state, { result: r.body.result, summary: r.body.summary }, r.body.at),
        ),
      ),
  ),
  'POST /inspections/{id}/complete': route(
    () => contracts.complete,
    async (r) => ok(await runCommand(wired(), caller(r), r.params.id, (state) => complete(state, r.body.at))),
  ),
  'POST /inspections/{id}/corrections': route(
    () => contracts.corrections,
    async (r) => {
      const { at, ...correction } = r.body;
      return ok(await runCommand(wired(), caller(r), r.params.id, (state) => correct(state, correction, at, by(r))));
    },
  ),
  'POST /inspections/{id}/uploads': route(
    () => contracts.upload,
    async (r) => ok(await requestUpload(wired(), caller(r), r.params.id, r.body)),
  ),
  'POST /inspections/{id}/evidence': route(
    () => contracts.evidence,
    async (r) => ok(await attachEvidence(wired(), caller(r), r.params.id, r.body)),
  ),
  'GET /inspections/{id}/evidence/{evidenceId}': route(
    () => contracts.download,
    async (r) => ok(await evidenceDownload(wired(), caller(r), r.params.id, r.params.evidenceId)),
  ),
  'GET /inspection-metrics': route(
    () => contracts.metrics,
    async (r) => {
      const { agency, counted } = countedInspections(reader(r), r.query);
      return ok(await mobileShare(agency, r.query, reads().ofAgency(agency), counted));
    },
  ),
  'GET /inspections': route(
    () => contracts.completed,
    async (r) => {
      const { agency, counted } = countedInspections(reader(r), r.query);
      return ok(await completedOnSite(r.query, reads().ofAgency(agency), counted));
    },
  ),
  'GET /worklist': route(
    () => contracts.worklist,
    async (r) => {
      const page = await reads().worklist(r.principal.agency, r.principal.id, r.query.limit, r.query.cursor);
      return ok({ items: page.items.map(worklistView), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
    },
  ),
});
