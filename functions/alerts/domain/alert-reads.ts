import { parseTimelineCursor, timelinePage, verifyTimeline } from '#records/domain/timeline';
import type { StoredRecord } from '#records/ports';
import { BadCursorError, NotFoundError } from '#shared/errors';
import { alertsAbout, alertsOf } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { type AlertState, type AlertStatus, allowedSteps, isOpen } from './alert.ts';
import { clockView } from './alert-clock.ts';
import { type AlertReader, readableAlert } from './alert-commands.ts';

/** An alert as the API shows it: its state, where it stands against its clocks, and the steps the reader may give now. */
export function alertView(state: AlertState, deps: Pick<AlertsDeps, 'calendar' | 'today'>, role?: string) {
  return {
    ...state,
    clock: clockView(state, deps.calendar, deps.today()),
    allowedSteps: role === undefined ? [] : allowedSteps(state, role),
  };
}
export type AlertView = ReturnType<typeof alertView>;

/** One alert (404 outside the reader's reach); an auditor's read is access-logged. */
export async function readAlert(deps: AlertsDeps, reader: AlertReader, alertId: string): Promise<AlertView> {
  const head = await readableAlert(deps, reader, alertId);
  await logRead(deps, reader, head, 'alert');
  return alertView(head.state, deps, reader.auditorOf === undefined ? reader.role : undefined);
}

async function logRead(deps: AlertsDeps, reader: AlertReader, head: StoredRecord<AlertState>, what: string) {
  await deps.access.record({
    at: deps.now().toISOString(),
    reader: reader.id,
    role: reader.role,
    readerAgency: reader.agency,
    record: head.stream,
    recordAgency: head.agency,
    what,
  });
}

export interface AlertQuery {
  status?: AlertStatus | undefined;
  rule?: string | undefined;
  entity?: string | undefined;
  overdue?: boolean | undefined;
  agency?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** How many index pages one list request reads at most while filtering (a page may hold fewer than `limit` items). */
const MAX_PAGES = 5;

/**
 * An agency's alerts, newest first: open ones before finished ones unless a status says which, narrowed by rule,
 * entity and overdue. People list their agency's; an auditor names an agency (default their own) and sees only the
 * alerts whose region is in their jurisdiction. Alerts about the reader themselves are never listed.
 */
export async function listAlerts(deps: AlertsDeps, reader: AlertReader, query: AlertQuery) {
  const agency = reader.auditorOf === undefined ? reader.agency : (query.agency ?? reader.agency);
  if (reader.auditorOf === undefined && query.agency !== undefined && query.agency !== reader.agency) {
    throw new NotFoundError(`Agency ${query.agency} (yours is ${reader.agency})`);
  }
  const which = query.status === undefined ? undefined : isOpen(query.status) ? 'open' : 'done';
  const list = query.entity === undefined ? alertsOf(agency, which) : alertsAbout(agency, { kind: 'entity', id: query.entity });
  const today = deps.today();
  const keep = (s: AlertState) =>
    (query.status === undefined || s.status === query.status) &&
    (query.rule === undefined || s.rule.id === query.rule) &&
    (query.overdue === undefined || clockView(s, deps.calendar, today).overdue === query.overdue) &&
    (reader.auditorOf === undefined || s.region.startsWith(reader.auditorOf)) &&
    !(s.subject.kind === 'person' && s.subject.id === reader.id);
  const items: AlertView[] = [];
  let cursor = query.cursor;
  for (let pages = 0; pages < MAX_PAGES && items.length < query.limit; pages += 1) {
    const page = await deps.reader.list<AlertState>({
      ...list,
      descending: true,
      limit: query.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    items.push(
      ...page.items
        .filter((i) => keep(i.state))
        .map((i) => alertView(i.state, deps, reader.auditorOf === undefined ? reader.role : undefined)),
    );
    cursor = page.cursor;
    if (cursor === undefined) break;
  }
  return { items, ...(cursor === undefined ? {} : { cursor }) };
}

/** A page of the alert's timeline, every event exactly as stored (hash chain v1); access-logged. */
export async function readAlertTimeline(
  deps: AlertsDeps,
  reader: AlertReader,
  alertId: string,
  query: { limit: number; cursor?: string | undefined },
) {
  const position = parseTimelineCursor(query.cursor);
  if (query.cursor !== undefined && position === undefined) throw new BadCursorError();
  const head = await readableAlert(deps, reader, alertId);
  await logRead(deps, reader, head, 'alert-timeline');
  return timelinePage(deps.store, [head.stream], query.limit, position);
}

/** The alert's chain recomputed, and the first broken link named. */
export async function verifyAlertTimeline(deps: AlertsDeps, reader: AlertReader, alertId: string) {
  const head = await readableAlert(deps, reader, alertId);
  await logRead(deps, reader, head, 'alert-verify');
  return verifyTimeline(deps.store, [head.stream]);
}
