import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import { CaseClueRaised } from '#events/inspections/inspection-events.v1';
import type { ConsumerOf, RouteKeyOf } from '#infra/topology';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { NotFoundError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route, routesOf } from '#shared/http-handler';
import { officialCalendar } from '#shared/working-days';
import { DynamoDbAccessLog } from './adapters/dynamodb-access-log.ts';
import { casesAbout, casesOf, publicDecisions } from './adapters/table-layout.ts';
import { decideSimple, giveCommand, openComplaint, openFromInspection } from './domain/case-commands.ts';
import { type CaseReader, caseAsOf, caseView, dayOf, readableCase, readTimeline, verifyCaseTimeline } from './domain/case-reads.ts';
import type { CaseRecord } from './domain/case-record.ts';
import { isLive, type Publication, publicationStream } from './domain/decision-publicity.ts';
import { CASE_COMMANDS, type CaseCommand } from './domain/lifecycle.ts';
import { publishDecision, sweepClocks, withdrawIfRevoked } from './domain/workflows.ts';
import type { CaseDeps } from './ports.ts';
import { commandContract, contracts } from './schemas.ts';
import { caseSettings } from './settings.ts';

const settings = caseSettings();
let adapters: Pick<CaseDeps, 'store' | 'reader' | 'access'> | undefined;
/** The adapters, built on first use; the calendar data is loaded then too (the domain counts on it synchronously). */
async function deps(): Promise<CaseDeps> {
  adapters ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reader: new DynamoDbHeadReader(dynamodb(), tableName()),
    access: new DynamoDbAccessLog(dynamodb(), tableName()),
  };
  return {
    ...adapters,
    today: () => dayOf(Date.now()),
    dayIn: (days) => dayOf(Date.now() + days * 86_400_000),
    calendar: await officialCalendar(),
    settings,
  };
}

type Caller = Pick<HttpRequest<RouteContract>, 'actor' | 'principal'>;
/** The caller as a reader of case records: auditors read across agencies in their jurisdiction. */
const readerOf = (r: Caller): CaseReader => ({
  ...r.actor,
  ...(r.principal.roles.includes('auditor') ? { auditorOf: r.principal.jurisdiction } : {}),
});
const writerOf = (r: Caller) => ({ actor: r.actor, roles: r.principal.roles });

const commandRoute = <C extends CaseCommand>(command: C): Route =>
  route(commandContract(command), async (r) => ({
    status: 200,
    body: await giveCommand(await deps(), writerOf(r), r.params.id, command, r.body, r.correlationId),
  }));

const publicView = (p: Publication) => ({ ...p.notice, publishedOn: p.publishedOn, takedownOn: p.takedownOn });
const pageOf = <T>(items: T[], cursor: string | undefined) => ({ items, ...(cursor === undefined ? {} : { cursor }) });

export const http = httpHandler<RouteKeyOf<'cases'>>({
  'POST /cases': route(contracts.createCase, async (r) => ({
    status: 201,
    body: await openComplaint(await deps(), writerOf(r), r.body, r.correlationId),
  })),
  'POST /cases/simple': route(contracts.decideOnTheSpot, async (r) => ({
    status: 201,
    body: await decideSimple(await deps(), writerOf(r), r.body, r.correlationId),
  })),
  'GET /cases/{id}': route(contracts.getCase, async (r) => {
    const d = await deps();
    if (r.query.asOf !== undefined) return { status: 200, body: await caseAsOf(d, readerOf(r), r.params.id, r.query.asOf) };
    return { status: 200, body: caseView(d, (await readableCase(d, readerOf(r), r.params.id)).state, d.today()) };
  }),
  'GET /cases/{id}/timeline': route(contracts.timeline, async (r) => {
    const read = await readTimeline(await deps(), readerOf(r), r.params.id, r.query);
    if (read.kind === 'page') return { status: 200, body: read.page };
    const headers = { 'content-type': read.contentType, 'content-disposition': `attachment; filename="${read.filename}"` };
    return { status: 200, text: read.text, headers };
  }),
  'GET /cases/{id}/timeline/verify': route(contracts.verify, async (r) => ({
    status: 200,
    body: await verifyCaseTimeline(await deps(), readerOf(r), r.params.id),
  })),
  'GET /audit/access-log': route(contracts.accessLog, async (r) => ({
    status: 200,
    body: await (await deps()).access.list(r.principal.agency, r.principal.roles.includes('auditor'), r.query.limit, r.query.cursor),
  })),
  'GET /cases': route(contracts.listCases, async (r) => {
    const d = await deps();
    const { status, entity, limit, cursor } = r.query;
    const list = entity !== undefined ? casesAbout(r.principal.agency, entity) : casesOf(r.principal.agency, status);
    const page = await d.reader.list<CaseRecord>({ ...list, limit, ...(cursor ? { cursor } : {}) });
    const items = page.items.filter((i) => status === undefined || i.state.status === status).map((i) => caseView(d, i.state, d.today()));
    return { status: 200, body: pageOf(items, page.cursor) };
  }),
  'GET /public/decisions': route(contracts.publicDecisions, async (r) => {
    const d = await deps();
    const query = { ...publicDecisions(), descending: true, limit: r.query.limit, ...(r.query.cursor ? { cursor: r.query.cursor } : {}) };
    const page = await d.reader.list<Publication>(query);
    return {
      status: 200,
      body: pageOf(
        page.items.filter((i) => isLive(i.state, d.today())).map((i) => publicView(i.state)),
        page.cursor,
      ),
    };
  }),
  'GET /public/decisions/{id}': route(contracts.publicDecision, async (r) => {
    const d = await deps();
    const p = await d.reader.get<Publication>(publicationStream(r.params.id));
    if (p === undefined || !isLive(p.state, d.today())) throw new NotFoundError(`Published decision ${r.params.id}`);
    return { status: 200, body: publicView(p.state) };
  }),
  ...routesOf(CASE_COMMANDS, (command) => `POST /cases/{id}/${command}` as const, commandRoute),
});

/** Rule `case-publicity`: a decision other than a warning is published, masked, once (DESIGN §6 一公开). */
export const casePublicity = eventConsumer(PenaltyDecided, async (event) => {
  await publishDecision(await deps(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Rule `case-withdrawals`: a revoked decision leaves the public list at once. */
export const caseWithdrawals = eventConsumer(DecisionRevoked, async (event) => {
  await withdrawIfRevoked(await deps(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Schedule `case-clock-sweep`, daily: near and passed deadlines, publications past their period. */
export const caseClockSweep = async () => sweepClocks(await deps());

/** Rule `case-clues`: a non-compliant inspection opens a case in the clue state, once (its id follows the inspection). */
export const caseClues = eventConsumer(CaseClueRaised, async (event) => {
  const clue = { agency: event.agency, occurredAt: event.occurredAt, ...event.data };
  await openFromInspection(await deps(), clue, event.correlationId);
});

export const handler = contextHandler<ConsumerOf<'cases'>>({
  http,
  events: {
    'case-clues': caseClues,
    'case-publicity': casePublicity,
    'case-withdrawals': caseWithdrawals,
    'case-clock-sweep': caseClockSweep,
  },
});
