import { entityStream } from '#directory/adapters/table-layout';
import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import { CaseClueRaised } from '#events/inspections/inspection-events.v1';
import { inspectionStream } from '#inspections/adapters/table-layout';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import type { NewEvent } from '#records/domain/recorded-event';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { BadCursorError, NotFoundError, RuleViolationError, VersionConflictError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route } from '#shared/http-handler';
import { Problem } from '#shared/problem';
import { canRead } from '#shared/read-policy';
import { DynamoDbAccessLog } from './adapters/dynamodb-access-log.ts';
import { casesAbout, casesOf, externalRecordStream, publicDecisions } from './adapters/table-layout.ts';
import { type CaseRecord, caseDeadlines, decideOnTheSpot, foldCase, give, openCase, stillRuns } from './domain/case.ts';
import { isLive, type Publication, publicationStream } from './domain/decision-publicity.ts';
import { allowedCommands, CASE_COMMANDS, type CaseRole } from './domain/lifecycle.ts';
import { allEvents, parseTimelineCursor, timelineCsv, timelinePage, timelineStreams, verifyTimeline } from './domain/timeline.ts';
import { appendCase, type CaseDeps, caseStream, publishDecision, sweepClocks, withdrawIfRevoked } from './domain/workflows.ts';
import { commandContract, contracts } from './schemas.ts';
import { caseSettings } from './settings.ts';

let store: DynamoDbEventStore | undefined;
let headReader: DynamoDbHeadReader | undefined;
let access: DynamoDbAccessLog | undefined;
const accessLog = () => {
  access ??= new DynamoDbAccessLog(dynamodb(), tableName());
  return access;
};
const events = () => {
  store ??= new DynamoDbEventStore(dynamodb(), tableName());
  return store;
};
const heads = () => {
  headReader ??= new DynamoDbHeadReader(dynamodb(), tableName());
  return headReader;
};

/** Dates on the regulator's calendar: China Standard Time. */
const dayOf = (time: number) => new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
const today = () => dayOf(Date.now());

const settings = caseSettings();
/** What one export may weigh: a Lambda response carries at most 6 MB. */
const MAX_EXPORT_BYTES = 5 * 1_048_576;
const deps = (): CaseDeps => ({
  store: events(),
  reader: heads(),
  today,
  dayIn: (days) => dayOf(Date.now() + days * 86_400_000),
  settings,
});

/** The case with every deadline it has, each saying whether it still runs, and the steps allowed now. */
async function view(c: CaseRecord, on = today()) {
  const deadlines = (await caseDeadlines(c, on)).map((d) => ({ ...d, running: stillRuns(c, d) }));
  return { ...c, deadlines, allowed: allowedCommands(c.status) };
}

const append = (
  c: CaseRecord,
  expectedVersion: number,
  newEvents: NewEvent[],
  actor: { id: string; role: string; agency: string },
  correlationId: string,
  prevHash?: string,
) => appendCase(deps(), c, { expectedVersion, events: newEvents, actor, correlationId, ...(prevHash === undefined ? {} : { prevHash }) });

/** Another agency's case answers as a missing one; auditors read across agencies in their jurisdiction (the read policy). */
async function load(agency: string, caseId: string, auditor?: { jurisdiction: string }) {
  const head = await heads().get<CaseRecord>(caseStream(caseId));
  const viewer = { agency, auditor: auditor !== undefined, jurisdiction: auditor?.jurisdiction ?? '' };
  if (head === undefined || !canRead(viewer, { agency: head.agency, region: head.state.jurisdiction }))
    throw new NotFoundError(`Case ${caseId}`);
  return head;
}

const reader = (r: HttpRequest<RouteContract>) =>
  r.principal.roles.includes('auditor') ? { jurisdiction: r.principal.jurisdiction } : undefined;

/** Who read which case's record, when: kept for the case's agency and for the reader's (DESIGN §5). */
async function recordAccess(r: HttpRequest<RouteContract>, c: CaseRecord, what: string): Promise<void> {
  await accessLog().record({
    at: new Date().toISOString(),
    reader: r.principal.id,
    role: r.actor.role,
    readerAgency: r.principal.agency,
    caseId: c.caseId,
    caseAgency: c.agency,
    what,
  });
}

/**
 * The timeline's streams: the inspection, the case, what other departments reported about it (if they did), and once
 * there is a decision to publish, its publication.
 */
async function streamsOf(c: CaseRecord): Promise<string[]> {
  const external = externalRecordStream(c.agency, c.caseId);
  const reported = (await events().existing([external])).has(external);
  return [
    ...timelineStreams(caseStream(c.caseId), c.source),
    ...(reported ? [external] : []),
    ...(c.decision?.penalty.types.some((t) => t !== 'warning') ? [publicationStream(c.caseId)] : []),
  ];
}

const lifecycleRoutes: Record<string, Route> = Object.fromEntries(
  CASE_COMMANDS.map((command) => [
    `POST /cases/{id}/${command}`,
    route(commandContract(command), async (r: HttpRequest<RouteContract>) => {
      const params = r.params as { id: string };
      const current = await load(r.principal.agency, params.id);
      const decided = await give(
        current.state,
        command,
        { ...(r.body as Record<string, unknown>), by: r.principal.id },
        r.principal.roles as CaseRole[],
        today(),
        settings,
      );
      // Two commands at once: one wins, the other gets 409 with the current version; the chain stays whole.
      await append(decided.state, current.version, decided.events, r.actor, r.correlationId, current.lastHash);
      return { status: 200, body: await view(decided.state) };
    }),
  ]),
);

/**
 * Ids taken from a body are checked against the caller like path ids (DESIGN §5, BOLA): an entity must be in the
 * caller's agency's directory, and an inspection one the caller was on the team of; anything else answers 404.
 */
async function entityOfAgency(agency: string, uscc: string) {
  const entity = await heads().get<{ region: string }>(entityStream(agency, uscc));
  if (entity === undefined) throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  return entity;
}

async function inspectionOfCaller(r: HttpRequest<RouteContract>, inspectionId: string, uscc: string): Promise<void> {
  const inspection = await heads().get<{ team: { id: string; agency: string }[]; entity: { uscc: string } }>(
    inspectionStream(inspectionId),
  );
  const onTeam = inspection?.state.team.some((m) => m.id === r.principal.id && m.agency === r.principal.agency) ?? false;
  if (inspection === undefined || !onTeam) throw new NotFoundError(`Inspection ${inspectionId}`);
  if (inspection.state.entity.uscc !== uscc) {
    throw new RuleViolationError('inspectionId', `inspection ${inspectionId} is of entity ${inspection.state.entity.uscc}, not ${uscc}`);
  }
}

export const http = httpHandler({
  'POST /cases': route(contracts.createCase, async (r) => {
    const entity = await entityOfAgency(r.principal.agency, r.body.entity);
    const opened = openCase({
      caseId: `case-${crypto.randomUUID()}`,
      agency: r.principal.agency,
      jurisdiction: entity.state.region,
      entity: r.body.entity,
      party: r.body.party,
      source: { kind: 'complaint', ref: r.body.ref },
      summary: r.body.summary,
      clueOn: today(),
    });
    await append(opened.state, 0, opened.events, r.actor, r.correlationId);
    return { status: 201, body: await view(opened.state) };
  }),
  'POST /cases/simple': route(contracts.decideOnTheSpot, async (r) => {
    const entity = await entityOfAgency(r.principal.agency, r.body.entity);
    if (r.body.inspectionId !== '') await inspectionOfCaller(r, r.body.inspectionId, r.body.entity);
    const decided = decideOnTheSpot(
      {
        caseId: `case-${crypto.randomUUID()}`,
        agency: r.principal.agency,
        jurisdiction: entity.state.region,
        entity: r.body.entity,
        party: r.body.party,
        source: { kind: r.body.inspectionId === '' ? 'complaint' : 'inspection', ref: r.body.inspectionId },
        summary: r.body.summary,
        clueOn: today(),
        penalty: r.body.penalty,
      },
      today(),
    );
    await append(decided.state, 0, decided.events, r.actor, r.correlationId);
    return { status: 201, body: await view(decided.state) };
  }),
  'GET /cases/{id}': route(contracts.getCase, async (r) => {
    const head = await load(r.principal.agency, r.params.id, reader(r));
    if (r.query.asOf === undefined) return { status: 200, body: await view(head.state) };
    // As it stood then: the fold of the events recorded up to that instant (the head is only a cache). A read of the
    // record's history, so it goes on the access log like a timeline read.
    await recordAccess(r, head.state, `as-of ${r.query.asOf}`);
    const asOf = Date.parse(r.query.asOf);
    const upTo = (await allEvents(events(), [caseStream(head.state.caseId)])).filter((e) => Date.parse(e.recordedAt) <= asOf);
    const then = foldCase(upTo, { agency: head.state.agency, jurisdiction: head.state.jurisdiction });
    if (then === undefined) throw new NotFoundError(`Case ${r.params.id} as of ${r.query.asOf} (it was opened later)`);
    return { status: 200, body: { ...(await view(then, dayOf(asOf))), asOf: r.query.asOf, version: upTo.length } };
  }),
  'GET /cases/{id}/timeline': route(contracts.timeline, async (r) => {
    const c = (await load(r.principal.agency, r.params.id, reader(r))).state;
    const position = parseTimelineCursor(r.query.cursor);
    if (r.query.cursor !== undefined && position === undefined) throw new BadCursorError();
    await recordAccess(r, c, r.query.format === 'json' ? 'timeline' : `export-${r.query.format}`);
    const streams = await streamsOf(c);
    if (r.query.format === 'csv' || r.query.format === 'ndjson') {
      const all = await allEvents(events(), streams);
      const csv = r.query.format === 'csv';
      const text = csv ? timelineCsv(all) : all.map((e) => JSON.stringify(e)).join('\n');
      const bytes = Buffer.byteLength(text);
      // A Lambda response carries at most 6 MB: a larger export is refused whole, never cut short.
      if (bytes > MAX_EXPORT_BYTES) {
        throw new Problem(
          422,
          'export-too-large',
          'The export is too large for one response',
          `This timeline (${all.length} events) exports to ${(bytes / 1_048_576).toFixed(1)} MiB, over ${MAX_EXPORT_BYTES / 1_048_576} MiB; read it in pages with format=json (limit ≤ 100, cursor).`,
          { events: all.length, bytes, limit: MAX_EXPORT_BYTES },
        );
      }
      const headers: Record<string, string> = {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
        'content-disposition': `attachment; filename="${c.caseId}-timeline.${r.query.format}"`,
      };
      return { status: 200, text, headers };
    }
    return { status: 200, body: await timelinePage(events(), streams, r.query.limit, position) };
  }),
  'GET /cases/{id}/timeline/verify': route(contracts.verify, async (r) => {
    const c = (await load(r.principal.agency, r.params.id, reader(r))).state;
    await recordAccess(r, c, 'verify');
    return { status: 200, body: await verifyTimeline(events(), await streamsOf(c)) };
  }),
  'GET /audit/access-log': route(contracts.accessLog, async (r) => ({
    status: 200,
    body: await accessLog().list(r.principal.agency, r.principal.roles.includes('auditor'), r.query.limit, r.query.cursor),
  })),

  'GET /cases': route(contracts.listCases, async (r) => {
    const { status, entity, limit, cursor } = r.query;
    const agency = r.principal.agency;
    const list = entity !== undefined ? casesAbout(agency, entity) : casesOf(agency, status);
    const query = { ...list, limit, ...(cursor ? { cursor } : {}) };
    const page = await heads().list<CaseRecord>(query);
    const items = await Promise.all(page.items.filter((i) => status === undefined || i.state.status === status).map((i) => view(i.state)));
    return { status: 200, body: { items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) } };
  }),
  'GET /public/decisions': route(contracts.publicDecisions, async (r) => {
    const page = await heads().list<Publication>({
      ...publicDecisions(),
      descending: true,
      limit: r.query.limit,
      ...(r.query.cursor ? { cursor: r.query.cursor } : {}),
    });
    const items = page.items.filter((i) => isLive(i.state, today())).map((i) => publicView(i.state));
    return { status: 200, body: { items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) } };
  }),
  'GET /public/decisions/{id}': route(contracts.publicDecision, async (r) => {
    const p = await heads().get<Publication>(publicationStream(r.params.id));
    if (p === undefined || !isLive(p.state, today())) throw new NotFoundError(`Published decision ${r.params.id}`);
    return { status: 200, body: publicView(p.state) };
  }),
  ...lifecycleRoutes,
});

const publicView = (p: Publication) => ({ ...p.notice, publishedOn: p.publishedOn, takedownOn: p.takedownOn });

/** Rule `case-publicity`: a decision other than a warning is published, masked, once (DESIGN §6 一公开). */
export const casePublicity = eventConsumer(PenaltyDecided, async (event) => {
  await publishDecision(deps(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Rule `case-withdrawals`: a revoked decision leaves the public list at once. */
export const caseWithdrawals = eventConsumer(DecisionRevoked, async (event) => {
  await withdrawIfRevoked(deps(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Schedule `case-clock-sweep`, daily: near and passed deadlines, publications past their period. */
export const caseClockSweep = () => sweepClocks(deps());

/** Rule `case-clues`: a non-compliant inspection opens a case in the clue state, once (its id follows the inspection). */
export const caseClues = eventConsumer(CaseClueRaised, async (event) => {
  const entity = await heads().get<{ name: string; region: string }>(entityStream(event.agency, event.data.entity));
  const opened = openCase({
    caseId: `case-${event.data.inspectionId}`,
    agency: event.agency,
    jurisdiction: entity?.state.region ?? '',
    entity: event.data.entity,
    party: { kind: 'organisation', name: entity?.state.name ?? event.data.entity },
    source: { kind: 'inspection', ref: event.data.inspectionId },
    summary: event.data.summary,
    clueOn: new Date(Date.parse(event.occurredAt) + 8 * 3_600_000).toISOString().slice(0, 10),
  });
  try {
    await append(opened.state, 0, opened.events, { id: 'inspections', role: 'system', agency: event.agency }, event.correlationId);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error; // delivered again: the case exists
  }
});

export const handler = contextHandler({
  http,
  events: {
    'case-clues': caseClues,
    'case-publicity': casePublicity,
    'case-withdrawals': caseWithdrawals,
    'case-clock-sweep': caseClockSweep,
  },
});
