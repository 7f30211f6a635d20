import { CASE_STREAMS, casesAbout } from '#cases/adapters/table-layout';
import { entityStream } from '#directory/adapters/table-layout';
import { ClassChanged } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import { externalRecordStream } from '#ingest/adapters/table-layout';
import { inspectionsAbout } from '#inspections/adapters/table-layout';
import { assertReadable } from '#records/domain/denied-read';
import { allEvents } from '#records/domain/read-all';
import { parseTimelineCursor, timelinePage, verifyTimeline } from '#records/domain/timeline';
import { BadCursorError, NotFoundError } from '#shared/errors';
import { classStream, listingsAbout, objectionsAbout, overridesAbout, repairsAbout } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { allHeads } from './credit-streams.ts';
import { type CreditFact, factsOf } from './facts.ts';
import { type CreditProfile, creditProfile } from './profile.ts';

/**
 * The credit facts about an entity of the agency's directory: from the agency's inspections of it, its cases about
 * it, its listings, overrides, objections and repairs, and what other departments reported about it (跨部门). An entity outside the agency's directory answers 404.
 */
export async function creditFactsAbout(deps: CreditDeps, agency: string, uscc: string): Promise<CreditFact[]> {
  // What is known from the entity's code alone is read side by side: its record and its events (the class the national
  // system gave it), what other departments reported about it, and the lists of its inspections, cases, listings,
  // overrides, objections and repairs; then the streams those lists name.
  const own = [entityStream(agency, uscc), externalRecordStream(agency, uscc)];
  const lists = [inspectionsAbout, casesAbout, listingsAbout, overridesAbout, objectionsAbout, repairsAbout].map((list) =>
    list(agency, uscc),
  );
  const [entity, ownEvents, heads] = await Promise.all([
    deps.reader.get(entityStream(agency, uscc)),
    Promise.all(own.map((s) => allEvents(deps.store, [s]))),
    Promise.all(lists.map((list) => allHeads(deps, list))),
  ]);
  if (entity === undefined) throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const named = heads.flat().map((h) => h.stream);
  // Other departments report about its cases too (a penalty decided on a transferred case, say).
  const cases = named.filter((s) => s.startsWith(CASE_STREAMS));
  const reportedOnCases = cases.map((s) => externalRecordStream(agency, s.slice(CASE_STREAMS.length)));
  const later = await Promise.all([...named, ...reportedOnCases].map((s) => allEvents(deps.store, [s])));
  return [...ownEvents, ...later].flat().flatMap(factsOf);
}

/** Who reads credit: the person and role, and (auditors) the jurisdiction they read across agencies in (DESIGN §5). */
export interface CreditReader {
  id: string;
  role: string;
  agency: string;
  auditorOf?: string;
}

/**
 * The entity of an agency's directory (the reader's own by default; an auditor names another agency of their
 * jurisdiction), read as the shared read policy allows, and the read put on the access log: 404 for anyone else.
 */
async function readableEntity(deps: CreditDeps, who: CreditReader, uscc: string, what: string, agency = who.agency): Promise<string> {
  const entity = await deps.reader.get<{ region: string }>(entityStream(agency, uscc));
  const missing = `Entity ${uscc} (in your agency's directory)`;
  if (entity === undefined) throw new NotFoundError(missing);
  await assertReadable(deps.access, who, { stream: classStream(agency, uscc), agency, region: entity.state.region }, what, missing);
  await deps.access.record({
    at: new Date().toISOString(),
    reader: who.id,
    role: who.role,
    readerAgency: who.agency,
    record: classStream(agency, uscc),
    recordAgency: agency,
    what,
  });
  return agency;
}

/** The profile as of a day (default today): score, class, every factor and the listings in force. */
export async function readCreditProfile(
  deps: CreditDeps,
  who: CreditReader,
  uscc: string,
  query: { asOf?: string | undefined; agency?: string | undefined } = {},
): Promise<CreditProfile & { uscc: string; agency: string }> {
  const agency = await readableEntity(
    deps,
    who,
    uscc,
    query.asOf === undefined ? 'credit-profile' : `credit-profile as-of ${query.asOf}`,
    query.agency,
  );
  const facts = await creditFactsAbout(deps, agency, uscc);
  return { uscc, agency, ...creditProfile(facts, query.asOf ?? deps.today(), undefined, deps.settings.profile) };
}

/** Every class change of an entity, oldest first, each with what caused it (the profile version is its `seq`). */
export async function readClassHistory(deps: CreditDeps, who: CreditReader, uscc: string, query: { agency?: string | undefined } = {}) {
  const agency = await readableEntity(deps, who, uscc, 'credit-history', query.agency);
  const events = await allEvents(deps.store, [classStream(agency, uscc)]);
  const changes = events.map((e) => {
    const { from, to, score, asOf, rules, cause } = dataOf(ClassChanged, e);
    return { version: e.seq, recordedAt: e.recordedAt, from, to, score, asOf, rules, cause };
  });
  return { uscc, class: changes.at(-1)?.to ?? null, changes };
}

/**
 * The credit context's own streams about an entity, in order: its class stream, then its listings, objections,
 * repairs and overrides, each oldest first (what an auditor reads as the entity's credit timeline).
 */
async function creditStreamsAbout(deps: CreditDeps, agency: string, uscc: string): Promise<string[]> {
  const lists = [listingsAbout, objectionsAbout, repairsAbout, overridesAbout].map((list) => list(agency, uscc));
  const heads = await Promise.all(lists.map((list) => allHeads(deps, list)));
  const classHead = await deps.reader.get(classStream(agency, uscc));
  return [...(classHead === undefined ? [] : [classHead.stream]), ...heads.flat().map((h) => h.stream)];
}

/** A page of the entity's credit timeline: every event of its credit streams exactly as stored (hash chain v1). */
export async function readCreditTimeline(
  deps: CreditDeps,
  who: CreditReader,
  uscc: string,
  query: { limit: number; cursor?: string | undefined; agency?: string | undefined },
) {
  const position = parseTimelineCursor(query.cursor);
  if (query.cursor !== undefined && position === undefined) throw new BadCursorError();
  const agency = await readableEntity(deps, who, uscc, 'credit-timeline', query.agency);
  return timelinePage(deps.store, await creditStreamsAbout(deps, agency, uscc), query.limit, position);
}

/** Every hash of the entity's credit timeline recomputed, and the first broken link named. */
export async function verifyCreditTimeline(deps: CreditDeps, who: CreditReader, uscc: string, query: { agency?: string | undefined } = {}) {
  const agency = await readableEntity(deps, who, uscc, 'credit-verify', query.agency);
  return verifyTimeline(deps.store, await creditStreamsAbout(deps, agency, uscc));
}
