import { DynamoDbDirectoryReader } from '#directory/adapters/dynamodb-directory-reader';
import { CaseClueRaised } from '#events/inspections/inspection-events.v1';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import type { NewEvent } from '#records/domain/recorded-event';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { BadCursorError, NotFoundError, VersionConflictError } from '#shared/errors';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route } from '#shared/http-handler';
import { DynamoDbAccessLog } from './adapters/dynamodb-access-log.ts';
import { type CaseRecord, caseDeadlines, decideOnTheSpot, give, openCase } from './domain/case.ts';
import { allowedCommands, CASE_COMMANDS, type CaseRole } from './domain/lifecycle.ts';
import { parseTimelineCursor, timelineCsv, timelinePage, timelineStreams, verifyTimeline } from './domain/timeline.ts';
import { commandContract, contracts } from './schemas.ts';

let store: DynamoDbEventStore | undefined;
let headReader: DynamoDbDirectoryReader | undefined;
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
  headReader ??= new DynamoDbDirectoryReader(dynamodb(), tableName());
  return headReader;
};

export const caseStream = (caseId: string) => `case/${caseId}`;
const index = (c: CaseRecord) => ({
  gsi1pk: `CASE#${c.agency}`,
  gsi1sk: `${c.status}#${c.clueOn}#${c.caseId}`,
  gsi2pk: `CASE#${c.agency}#${c.entity}`,
  gsi2sk: `${c.clueOn}#${c.caseId}`,
});
/** Dates on the regulator's calendar: China Standard Time. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function view(c: CaseRecord) {
  return { ...c, deadlines: await caseDeadlines(c), allowed: allowedCommands(c.status) };
}

async function append(
  c: CaseRecord,
  expectedVersion: number,
  newEvents: NewEvent[],
  actor: { id: string; role: string; agency: string },
  correlationId: string,
  prevHash?: string,
) {
  await events().append({
    stream: caseStream(c.caseId),
    expectedVersion,
    ...(prevHash === undefined ? {} : { prevHash }),
    events: newEvents,
    actor,
    agency: c.agency,
    correlationId,
    head: { state: c, index: index(c) },
  });
}

/** Another agency's case answers as a missing one (DESIGN §5); auditors read across agencies in their jurisdiction. */
async function load(agency: string, caseId: string, auditor?: { jurisdiction: string }) {
  const head = await heads().get<CaseRecord>(caseStream(caseId));
  const audits = auditor !== undefined && auditor.jurisdiction !== '' && (head?.state.jurisdiction ?? '').startsWith(auditor.jurisdiction);
  if (head === undefined || !(head.agency === agency || audits)) throw new NotFoundError(`Case ${caseId}`);
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
      );
      // Two commands at once: one wins, the other gets 409 with the current version; the chain stays whole.
      await append(decided.state, current.version, decided.events, r.actor, r.correlationId, current.lastHash);
      return { status: 200, body: await view(decided.state) };
    }),
  ]),
);

export const http = httpHandler({
  'POST /cases': route(contracts.createCase, async (r) => {
    const entity = await heads().get<{ region: string }>(`entity/${r.principal.agency}/${r.body.entity}`);
    const opened = openCase({
      caseId: `case-${crypto.randomUUID()}`,
      agency: r.principal.agency,
      jurisdiction: entity?.state.region ?? r.principal.jurisdiction,
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
    const entity = await heads().get<{ region: string }>(`entity/${r.principal.agency}/${r.body.entity}`);
    const decided = decideOnTheSpot(
      {
        caseId: `case-${crypto.randomUUID()}`,
        agency: r.principal.agency,
        jurisdiction: entity?.state.region ?? r.principal.jurisdiction,
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
  'GET /cases/{id}': route(contracts.getCase, async (r) => ({
    status: 200,
    body: await view((await load(r.principal.agency, r.params.id, reader(r))).state),
  })),
  'GET /cases/{id}/timeline': route(contracts.timeline, async (r) => {
    const c = (await load(r.principal.agency, r.params.id, reader(r))).state;
    const position = parseTimelineCursor(r.query.cursor);
    if (r.query.cursor !== undefined && position === undefined) throw new BadCursorError();
    await recordAccess(r, c, r.query.format === 'json' ? 'timeline' : `export-${r.query.format}`);
    const streams = timelineStreams(caseStream(c.caseId), c.source);
    if (r.query.format === 'csv' || r.query.format === 'ndjson') {
      const all = (await timelinePage(events(), streams, 1_000_000)).events;
      const csv = r.query.format === 'csv';
      const headers: Record<string, string> = {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
        'content-disposition': `attachment; filename="${c.caseId}-timeline.${r.query.format}"`,
      };
      return { status: 200, text: csv ? timelineCsv(all) : all.map((e) => JSON.stringify(e)).join('\n'), headers };
    }
    return { status: 200, body: await timelinePage(events(), streams, r.query.limit, position) };
  }),
  'GET /cases/{id}/timeline/verify': route(contracts.verify, async (r) => {
    const c = (await load(r.principal.agency, r.params.id, reader(r))).state;
    await recordAccess(r, c, 'verify');
    return { status: 200, body: await verifyTimeline(events(), timelineStreams(caseStream(c.caseId), c.source)) };
  }),
  'GET /audit/access-log': route(contracts.accessLog, async (r) => ({
    status: 200,
    body: await accessLog().list(r.principal.agency, r.principal.roles.includes('auditor'), r.query.limit, r.query.cursor),
  })),

  'GET /cases': route(contracts.listCases, async (r) => {
    const { status, entity, limit, cursor } = r.query;
    const agency = r.principal.agency;
    const query =
      entity !== undefined
        ? { index: 'gsi2' as const, partition: `CASE#${agency}#${entity}`, limit, ...(cursor ? { cursor } : {}) }
        : {
            index: 'gsi1' as const,
            partition: `CASE#${agency}`,
            ...(status ? { prefix: `${status}#` } : {}),
            limit,
            ...(cursor ? { cursor } : {}),
          };
    const page = await heads().list<CaseRecord>(query);
    const items = await Promise.all(page.items.filter((i) => status === undefined || i.state.status === status).map((i) => view(i.state)));
    return { status: 200, body: { items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) } };
  }),
  ...lifecycleRoutes,
});

/** Rule `case-clues`: a non-compliant inspection opens a case in the clue state, once (its id follows the inspection). */
export const caseClues = eventConsumer(CaseClueRaised.detail, async (detail) => {
  const event = detail as {
    agency: string;
    correlationId: string;
    occurredAt: string;
    data: { inspectionId: string; entity: string; summary: string };
  };
  const entity = await heads().get<{ name: string; region: string }>(`entity/${event.agency}/${event.data.entity}`);
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

export const handler = contextHandler({ http, events: { 'case-clues': caseClues } });
