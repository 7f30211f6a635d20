import type { RouteKeyOf } from '#infra/topology';
import { NotFoundError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route, routesOf } from '#shared/http-handler';
import { casesAbout, casesOf } from '../adapters/table-layout.ts';
import { decideSimple, giveCommand, openComplaint, requestCaseUpload } from '../domain/case-commands.ts';
import { caseMetrics } from '../domain/case-metrics.ts';
import {
  type CaseReader,
  caseAsOf,
  caseView,
  measurePhoto,
  publicDecisionPage,
  readableCase,
  readMeasures,
  readSurcharge,
  readTimeline,
  verifyCaseTimeline,
} from '../domain/case-reads.ts';
import type { CaseRecord } from '../domain/case-record.ts';
import { isLive, type Publication, publicationStream, publicView } from '../domain/decision-publicity.ts';
import { CASE_COMMANDS, type CaseCommand } from '../domain/lifecycle.ts';
import { commandContract, contracts } from '../schemas.ts';
import { wired } from './wiring.ts';

type Caller = Pick<HttpRequest<RouteContract>, 'actor' | 'principal'>;
/** The caller as a reader of case records: auditors read across agencies in their jurisdiction. */
const readerOf = (r: Caller): CaseReader => ({
  ...r.actor,
  ...(r.principal.roles.includes('auditor') ? { auditorOf: r.principal.jurisdiction } : {}),
});
const writerOf = (r: Caller) => ({ actor: r.actor, roles: r.principal.roles });

const commandRoute = <C extends CaseCommand>(command: C): Route =>
  route(
    () => commandContract(command),
    async (r) => ({
      status: 200,
      body: await giveCommand(await wired(), writerOf(r), r.params.id, command, r.body, r.correlationId),
    }),
  );

const pageOf = <T>(items: T[], cursor: string | undefined) => ({ items, ...(cursor === undefined ? {} : { cursor }) });

export const http = httpHandler<RouteKeyOf<'cases'>>({
  'POST /cases': route(
    () => contracts.createCase,
    async (r) => ({
      status: 201,
      body: await openComplaint(await wired(), writerOf(r), r.body, r.correlationId),
    }),
  ),
  'POST /cases/simple': route(
    () => contracts.decideOnTheSpot,
    async (r) => ({
      status: 201,
      body: await decideSimple(await wired(), writerOf(r), r.body, r.correlationId),
    }),
  ),
  'GET /cases/{id}': route(
    () => contracts.getCase,
    async (r) => {
      const d = await wired();
      if (r.query.asOf !== undefined) return { status: 200, body: await caseAsOf(d, readerOf(r), r.params.id, r.query.asOf) };
      return { status: 200, body: caseView(d, (await readableCase(d, readerOf(r), r.params.id)).state, d.today()) };
    },
  ),
  'GET /cases/{id}/timeline': route(
    () => contracts.timeline,
    async (r) => {
      const read = await readTimeline(await wired(), readerOf(r), r.params.id, r.query);
      if (read.kind === 'page') return { status: 200, body: read.page };
      const headers = { 'content-type': read.contentType, 'content-disposition': `attachment; filename="${read.filename}"` };
      return { status: 200, text: read.text, headers };
    },
  ),
  'GET /cases/{id}/timeline/verify': route(
    () => contracts.verify,
    async (r) => ({
      status: 200,
      body: await verifyCaseTimeline(await wired(), readerOf(r), r.params.id),
    }),
  ),
  'POST /cases/{id}/uploads': route(
    () => contracts.caseUpload,
    async (r) => ({ status: 200, body: await requestCaseUpload(await wired(), writerOf(r), r.params.id, r.body) }),
  ),
  'GET /cases/{id}/evidence/{evidenceId}': route(
    () => contracts.casePhoto,
    async (r) => ({ status: 200, body: await measurePhoto(await wired(), readerOf(r), r.params.id, r.params.evidenceId) }),
  ),
  'GET /cases/{id}/measures': route(
    () => contracts.measures,
    async (r) => ({ status: 200, body: await readMeasures(await wired(), readerOf(r), r.params.id) }),
  ),
  'GET /cases/{id}/surcharge': route(
    () => contracts.surcharge,
    async (r) => ({ status: 200, body: await readSurcharge(await wired(), readerOf(r), r.params.id, r.query.on) }),
  ),
  'GET /case-metrics': route(
    () => contracts.metrics,
    async (r) => ({ status: 200, body: await caseMetrics(await wired(), readerOf(r), r.query) }),
  ),
  'GET /audit/access-log': route(
    () => contracts.accessLog,
    async (r) => ({
      status: 200,
      body: await (await wired()).access.list(r.principal.agency, r.principal.roles.includes('auditor'), r.query.limit, r.query.cursor),
    }),
  ),
  'GET /cases': route(
    () => contracts.listCases,
    async (r) => {
      const d = await wired();
      const { status, entity, limit, cursor } = r.query;
      const list = entity !== undefined ? casesAbout(r.principal.agency, entity) : casesOf(r.principal.agency, status);
      const page = await d.reader.list<CaseRecord>({ ...list, limit, ...(cursor ? { cursor } : {}) });
      const items = page.items.filter((i) => status === undefined || i.state.status === status).map((i) => caseView(d, i.state, d.today()));
      return { status: 200, body: pageOf(items, page.cursor) };
    },
  ),
  'GET /public/decisions': route(
    () => contracts.publicDecisions,
    async (r) => ({
      status: 200,
      body: await publicDecisionPage(await wired(), r.query.limit, r.query.cursor),
    }),
  ),
  'GET /public/decisions/{id}': route(
    () => contracts.publicDecision,
    async (r) => {
      const d = await wired();
      const p = await d.reader.get<Publication>(publicationStream(r.params.id));
      if (p === undefined || !isLive(p.state, d.today())) throw new NotFoundError(`Published decision ${r.params.id}`);
      return { status: 200, body: publicView(p.state) };
    },
  ),
  ...routesOf(CASE_COMMANDS, (command) => `POST /cases/{id}/${command}` as const, commandRoute),
});
