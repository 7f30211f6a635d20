import { assertReadable } from '#records/domain/denied-read';
import { walkLists } from '#records/domain/list-walk';
import { allEvents } from '#records/domain/read-all';
import { parseTimelineCursor, timelineCsv, timelinePage, verifyTimeline } from '#records/domain/timeline';
import type { StoredRecord } from '#records/ports';
import { chinaDay, daysBetween } from '#shared/calendar';
import { BadCursorError, ExportTooLargeError, NotFoundError } from '#shared/errors';
import { externalRecordStream, publicDecisions } from '../adapters/table-layout.ts';
import type { CaseDeps } from '../ports.ts';
import { type CaseRecord, foldCase } from './case-record.ts';
import { caseDeadlines, fineFactsOf, measureDeadlines, stillRuns } from './clocks.ts';
import { isLive, type Publication, publicationStream, publicView } from './decision-publicity.ts';
import { accrual, courtWindow } from './enforcement.ts';
import { allowedCommands, type CaseCommand } from './lifecycle.ts';
import { allowsStep } from './measures.ts';
import { timelineStreams } from './timeline.ts';
import { caseStream } from './workflows.ts';

/** Who reads: the person, the role the route let in, and whether they read as an auditor (DESIGN §5). */
export interface CaseReader {
  id: string;
  role: string;
  agency: string;
  /** Reads across agencies, inside this jurisdiction (a prefix of the division code); absent for anyone else. */
  auditorOf?: string;
}

/** What one export may weigh: a Lambda response carries at most 6 MB. */
export const MAX_EXPORT_BYTES = 5 * 1_048_576;

/** The instant now; without a clock (tests' fakes), noon of the day read. */
const nowOf = (deps: Pick<CaseDeps, 'now'>, on: string) => deps.now?.() ?? `${on}T12:00:00+08:00`;

/** The case with every deadline it has, each saying whether it still runs, the steps allowed now, and its fine's standing. */
export function caseView(deps: Pick<CaseDeps, 'calendar' | 'settings' | 'now'>, c: CaseRecord, on: string) {
  const deadlines = caseDeadlines(c, deps.calendar, on).map((d) => ({ ...d, running: stillRuns(c, d) }));
  const enforcement = enforcementView(deps, c, on);
  // Each measure with its own deadline (the period's end, an emergency approval's 24 hours).
  const measures = c.measures === undefined ? {} : { measures: measuresView(deps, c, on, nowOf(deps, on)) };
  return {
    ...c,
    ...measures,
    deadlines,
    allowed: allowedCommands(c.status).filter((s) => applies(c, s)),
    ...(enforcement === undefined ? {} : { enforcement }),
  };
}

/**
 * Whether a step the state allows has something to act on (the list a case page offers): a measure step needs a
 * measure it can take, an enforcement step a fine still owed. The 409 of a refused step lists the state's steps.
 */
function applies(c: CaseRecord, step: CaseCommand): boolean {
  const measures = c.measures ?? [];
  const owed = (c.decision?.penalty.fine ?? 0) > 0;
  switch (step) {
    case 'approve-measure':
      return measures.some((m) => m.approval === undefined && allowsStep(m, 'approve'));
    case 'extend-measure':
      return measures.some((m) => allowsStep(m, 'extend') && m.kind !== 'preserve' && m.extension === undefined);
    case 'release-measure':
      return measures.some((m) => allowsStep(m, 'release'));
    case 'approve-instalments':
    case 'remind-payment':
    case 'apply-court-enforcement':
      return owed;
    case 'record-appeal':
      return c.decision !== undefined;
    default:
      return true;
  }
}

/**
 * A decided fine's standing on a day (行政处罚法 §72): due dates, paid, the surcharge (capped at the fine, with the
 * day it reached the cap), what is owed, and the window for asking the court once the decision was served.
 */
export function enforcementView(deps: Pick<CaseDeps, 'calendar' | 'settings'>, c: CaseRecord, on: string) {
  if ((c.decision?.penalty.fine ?? 0) <= 0) return undefined;
  const facts = fineFactsOf(c, deps.calendar);
  const settings = deps.settings.enforcement;
  const now = accrual(facts, on, settings.surchargeBpPerDay);
  const court = c.servedOn === undefined ? undefined : courtWindow(c.servedOn, c.reminders ?? [], deps.calendar, settings);
  return {
    ...now,
    schedule: facts.schedule,
    ...(court === undefined ? {} : { courtApplication: { earliest: court.earliest, latest: court.latest, reminded: court.reminded } }),
  };
}

/** A case's measures with their periods on a day: end date, paused (testing) days, approval due, overdue. */
export function measuresView(deps: Pick<CaseDeps, 'calendar'>, c: CaseRecord, on: string, now: string) {
  const clocks = new Map(measureDeadlines(c, deps.calendar, on).map((d) => [d.measure.measureId, d]));
  return (c.measures ?? []).map((m) => {
    const clock = clocks.get(m.measureId);
    return {
      ...m,
      ...(clock === undefined
        ? {}
        : {
            due: clock.due,
            provisional: clock.provisional,
            pausedDays: clock.pausedDays,
            daysLeft: daysBetween(on, clock.due),
            overdue: on > clock.due,
            ...(clock.approvalDueAt === undefined
              ? {}
              : { approvalDueAt: clock.approvalDueAt, approvalOverdue: Date.parse(now) > Date.parse(clock.approvalDueAt) }),
          }),
    };
  });
}

/** A case's measures (GET /cases/{id}/measures), logged as read like the timeline. */
export async function readMeasures(deps: CaseDeps, who: CaseReader, caseId: string) {
  const c = (await readableCase(deps, who, caseId)).state;
  await logRead(deps, who, c, 'measures');
  const today = deps.today();
  return { caseId: c.caseId, status: c.status, measures: measuresView(deps, c, today, nowOf(deps, today)) };
}

/** The fine's surcharge and what is owed on any day (before the due date: none). */
export async function readSurcharge(deps: CaseDeps, who: CaseReader, caseId: string, on: string | undefined) {
  const c = (await readableCase(deps, who, caseId)).state;
  const view = enforcementView(deps, c, on ?? deps.today());
  if (view === undefined) throw new NotFoundError(`A fine on case ${caseId}`);
  return { caseId: c.caseId, ...view };
}

/** The evidence photo of a measure's listed things: a short-lived link and the SHA-256 recorded when it was listed. */
export async function measurePhoto(deps: CaseDeps, who: CaseReader, caseId: string, evidenceId: string) {
  const c = (await readableCase(deps, who, caseId)).state;
  const photo = (c.measures ?? []).flatMap((m) => m.items.flatMap((i) => i.photos)).find((p) => p.evidenceId === evidenceId);
  if (photo === undefined) throw new NotFoundError(`Evidence ${evidenceId} of case ${caseId}`);
  await logRead(deps, who, c, `evidence ${evidenceId}`);
  const link = await deps.evidence.downloadUrl(caseEvidenceKey(c.caseId, evidenceId));
  return { ...photo, method: 'GET' as const, ...link };
}

/** Where a case's uploads are kept in the evidence store. */
export const caseEvidenceKey = (caseId: string, evidenceId: string) => `evidence/cases/${caseId}/${evidenceId}`;

/** Another agency's case answers as a missing one; auditors read across agencies in their jurisdiction (the read policy). */
export async function readableCase(
  deps: Pick<CaseDeps, 'reader' | 'access'>,
  who: CaseReader,
  caseId: string,
): Promise<StoredRecord<CaseRecord>> {
  const head = await deps.reader.get<CaseRecord>(caseStream(caseId));
  if (head === undefined) throw new NotFoundError(`Case ${caseId}`);
  const record = { stream: head.stream, agency: head.agency, region: head.state.jurisdiction, caseId };
  await assertReadable(deps.access, who, record, 'case', `Case ${caseId}`);
  return head;
}

/** Who read which case's record, when: kept for the case's agency and for the reader's (DESIGN §5). */
async function logRead(deps: Pick<CaseDeps, 'access'>, who: CaseReader, c: CaseRecord, what: string): Promise<void> {
  await deps.access.record({
    at: new Date().toISOString(),
    reader: who.id,
    role: who.role,
    readerAgency: who.agency,
    record: caseStream(c.caseId),
    recordAgency: c.agency,
    caseId: c.caseId,
    what,
  });
}

/**
 * The case as it stood at an instant: the fold of the events recorded up to it (the head is only a cache). A read of
 * the record's history, so it goes on the access log like a timeline read.
 */
export async function caseAsOf(deps: CaseDeps, who: CaseReader, caseId: string, asOf: string) {
  const head = (await readableCase(deps, who, caseId)).state;
  await logRead(deps, who, head, `as-of ${asOf}`);
  const at = Date.parse(asOf);
  const upTo = (await allEvents(deps.store, [caseStream(head.caseId)])).filter((e) => Date.parse(e.recordedAt) <= at);
  const then = foldCase(upTo, { agency: head.agency, jurisdiction: head.jurisdiction });
  if (then === undefined) throw new NotFoundError(`Case ${caseId} as of ${asOf} (it was opened later)`);
  return { ...caseView(deps, then, chinaDay(at)), asOf, version: upTo.length };
}

/**
 * The timeline's streams: the inspection, the case, what other departments reported about it (if they did), and once
 * there is a decision to publish, its publication.
 */
async function streamsOf(deps: Pick<CaseDeps, 'store'>, c: CaseRecord): Promise<string[]> {
  const external = externalRecordStream(c.agency, c.caseId);
  const reported = (await deps.store.existing([external])).has(external);
  return [
    ...timelineStreams(caseStream(c.caseId), c.source),
    ...(reported ? [external] : []),
    ...(c.decision?.penalty.types.some((t) => t !== 'warning') ? [publicationStream(c.caseId)] : []),
  ];
}

/** The whole timeline as NDJSON, each event exactly as stored (the export, and the file a transfer hands over). */
export async function timelineNdjson(deps: Pick<CaseDeps, 'store'>, c: CaseRecord): Promise<{ text: string; events: number }> {
  const all = await allEvents(deps.store, await streamsOf(deps, c));
  return { text: all.map((e) => JSON.stringify(e)).join('\n'), events: all.length };
}

export type TimelineRead =
  | { kind: 'page'; page: Awaited<ReturnType<typeof timelinePage>> }
  | { kind: 'export'; text: string; contentType: string; filename: string };

/**
 * A case's timeline, logged as read: a page (json), or the whole of it exported (csv, ndjson). An export larger than
 * one response can carry is refused whole, never cut short.
 */
export async function readTimeline(
  deps: CaseDeps,
  who: CaseReader,
  caseId: string,
  query: { format: 'json' | 'csv' | 'ndjson'; limit: number; cursor?: string | undefined },
): Promise<TimelineRead> {
  const c = (await readableCase(deps, who, caseId)).state;
  const position = parseTimelineCursor(query.cursor);
  if (query.cursor !== undefined && position === undefined) throw new BadCursorError();
  await logRead(deps, who, c, query.format === 'json' ? 'timeline' : `export-${query.format}`);
  const streams = await streamsOf(deps, c);
  if (query.format === 'json') return { kind: 'page', page: await timelinePage(deps.store, streams, query.limit, position) };
  const all = await allEvents(deps.store, streams);
  const csv = query.format === 'csv';
  const text = csv ? timelineCsv(all) : all.map((e) => JSON.stringify(e)).join('\n');
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_EXPORT_BYTES) throw new ExportTooLargeError(all.length, bytes, MAX_EXPORT_BYTES);
  return {
    kind: 'export',
    text,
    contentType: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson',
    filename: `${c.caseId}-timeline.${query.format}`,
  };
}

/** Every hash of the case's timeline recomputed (logged as read). */
export async function verifyCaseTimeline(deps: CaseDeps, who: CaseReader, caseId: string) {
  const c = (await readableCase(deps, who, caseId)).state;
  await logRead(deps, who, c, 'verify');
  return verifyTimeline(deps.store, await streamsOf(deps, c));
}

/** A page of the published decisions, newest first (the month partitions in turn); past their period, none. */
export async function publicDecisionPage(deps: Pick<CaseDeps, 'reader' | 'today'>, limit: number, cursor?: string) {
  const today = deps.today();
  const read = (q: (typeof partitions)[number], n: number, at?: string) =>
    deps.reader.list<Publication>({ ...q, limit: n, ...(at ? { cursor: at } : {}) });
  const partitions = publicDecisions(today);
  const page = await walkLists(partitions, read, limit, cursor);
  const items = page.items.filter((i) => isLive(i.state, today)).map((i) => publicView(i.state));
  return { items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
}
