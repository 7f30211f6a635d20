import { inspectionItemStream, inspectorStream } from '#directory/adapters/table-layout';
import {
  AlertAcknowledged,
  AlertClosed,
  AlertDismissed,
  AlertDisposed,
  AlertReopened,
  AlertVerified,
} from '#events/alerts/alert-events.v1';
import { assertReadable, type RecordReader } from '#records/domain/denied-read';
import type { Actor, NewEvent } from '#records/domain/recorded-event';
import type { StoredRecord } from '#records/ports';
import { NotFoundError, RuleViolationError, StateConflictError } from '#shared/errors';
import { alertIndex, alertStream, alertsAbout } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import {
  type AlertCommand,
  type AlertState,
  assertStep,
  assertVisibleTo,
  type Disposal,
  isOpen,
  newAlertEvent,
  stamped,
  withAlertEvents,
} from './alert.ts';
import { escalationsDue, nextClockDay } from './alert-clock.ts';
import { caseClueId, targetedInspectionId } from './disposal-ids.ts';

export interface AlertWriter {
  actor: Actor;
  correlationId: string;
}

/** Who reads: people of the agency, or an auditor (read-only) across agencies within a jurisdiction. */
export type AlertReader = RecordReader;

/**
 * The alert as this reader may see it (DESIGN §5: their agency's; an auditor's, any whose region is in their
 * jurisdiction), and never one about themselves (人员风险 goes to the admin, never to the person concerned). Otherwise
 * 404 (BOLA).
 */
export async function readableAlert(
  deps: Pick<AlertsDeps, 'reader' | 'access'>,
  reader: AlertReader,
  alertId: string,
): Promise<StoredRecord<AlertState>> {
  const head = await deps.reader.get<AlertState>(alertStream(alertId));
  if (head === undefined) throw new NotFoundError(`Alert ${alertId}`);
  await assertReadable(
    deps.access,
    reader,
    { stream: head.stream, agency: head.agency, region: head.state.region },
    'alert',
    `Alert ${alertId}`,
  );
  assertVisibleTo(head.state, reader);
  return head;
}

/** The head index of an alert as it now stands. */
export const indexOf = (state: AlertState, deps: Pick<AlertsDeps, 'calendar'>) =>
  alertIndex({ ...state, on: state.raisedOn, open: isOpen(state.status) }, nextClockDay(state, deps.calendar));

/**
 * One step of the loop on an alert of the actor's agency: escalations already due are recorded first (the on-event
 * check: the record shows a late step as late), then the step, if the alert's state and the actor's role allow it
 * (409 with the steps allowed now; 403). One append, guarded by the version read.
 */
export async function stepAlert(
  deps: AlertsDeps,
  who: AlertWriter,
  alertId: string,
  command: AlertCommand,
  decide: (state: AlertState) => Promise<NewEvent[]> | NewEvent[],
): Promise<AlertState> {
  const head = await readableAlert(deps, who.actor, alertId);
  if (head.agency !== who.actor.agency) throw new NotFoundError(`Alert ${alertId}`);
  const at = deps.now().toISOString();
  const late = escalationsDue(head.state, deps.calendar, deps.today());
  const before = late.length === 0 ? head.state : withAlertEvents(head.state, late, head.agency, at, 'risk-alerts');
  assertStep(before, command, who.actor.role);
  const events = stamped([...late, ...(await decide(before))], at);
  const state = withAlertEvents(head.state, events, head.agency, at, who.actor.id);
  await deps.store.append({
    stream: head.stream,
    expectedVersion: head.version,
    prevHash: head.lastHash,
    events,
    actor: who.actor,
    agency: head.agency,
    correlationId: who.correlationId,
    head: { state, index: indexOf(state, deps) },
  });
  return state;
}

export const acknowledgeAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: { note: string }) =>
  stepAlert(deps, who, alertId, 'acknowledge', () => [newAlertEvent(AlertAcknowledged, { note: body.note, on: deps.today() })]);

export const verifyAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: { finding: string }) =>
  stepAlert(deps, who, alertId, 'verify', () => [newAlertEvent(AlertVerified, { finding: body.finding, on: deps.today() })]);

export const closeAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: { feedback: string }) =>
  stepAlert(deps, who, alertId, 'close', () => [newAlertEvent(AlertClosed, { feedback: body.feedback, on: deps.today() })]);

export const dismissAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: { reason: string }) =>
  stepAlert(deps, who, alertId, 'dismiss', () => [newAlertEvent(AlertDismissed, { reason: body.reason, on: deps.today() })]);

/**
 * A supervisor takes a closed or dismissed alert up again; refused (409) while another alert of the same rule and
 * subject is open (the same condition never has two open alerts).
 */
export const reopenAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: { reason: string }) =>
  stepAlert(deps, who, alertId, 'reopen', async (state) => {
    const open = await openAlertsAbout(deps, state);
    if (open.length > 0) {
      throw new StateConflictError(`Alert ${open[0]} of the same rule and subject is open; work that one instead.`, { open });
    }
    return [newAlertEvent(AlertReopened, { reason: body.reason, on: deps.today() })];
  });

/** The other open alerts of the alert's rule about its subject. */
async function openAlertsAbout(deps: Pick<AlertsDeps, 'reader'>, state: AlertState): Promise<string[]> {
  const open: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<AlertState>({
      ...alertsAbout(state.agency, state.subject),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const other = item.state;
      if (other.alertId !== state.alertId && other.rule.id === state.rule.id && isOpen(other.status)) open.push(other.alertId);
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return open;
}

export type DisposeBody =
  | { kind: 'targeted-inspection'; inspectors: string[]; items: string[]; plannedEnd: string }
  | { kind: 'case-clue'; summary: string }
  | { kind: 'no-action'; reason: string };

/** 12 months back from a day (回避: having inspected the entity within 12 months, DESIGN §6). */
const twelveMonthsBefore = (day: string) => `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
/** 行政处罚法 §42: law-enforcement inspections are done by at least two officers. */
const MIN_TEAM = 2;

/**
 * 处置: what the verified alert gets. A targeted inspection of the entity by the chosen inspectors of the agency, each
 * checked for 回避 (a declared conflict, or having inspected the entity within 12 months): fewer than two eligible is a
 * 409 naming who was left out and why, and nothing is written. A case clue needs an entity behind the alert. No action
 * needs its reason (the body's schema asks for it).
 */
export const disposeAlert = (deps: AlertsDeps, who: AlertWriter, alertId: string, body: DisposeBody) =>
  stepAlert(deps, who, alertId, 'dispose', async (state) => {
    const disposal = await disposalOf(deps, who.actor.agency, state, body);
    return [newAlertEvent(AlertDisposed, { alertId, disposal, on: deps.today() })];
  });

async function disposalOf(deps: AlertsDeps, agency: string, state: AlertState, body: DisposeBody): Promise<Disposal> {
  if (body.kind === 'no-action') return body;
  const entity = state.entity;
  if (entity === undefined) {
    throw new StateConflictError(
      `Alert ${state.alertId} is about a ${state.subject.kind} with no entity behind it: a ${body.kind} needs one.`,
      {
        allowed: ['no-action'],
      },
    );
  }
  if (body.kind === 'case-clue')
    return { kind: 'case-clue', caseId: caseClueId(state.alertId, state.disposals + 1), entity, summary: body.summary };
  const items = await deps.reader.getMany(body.items.map(inspectionItemStream));
  const unknown = body.items.filter((code) => !items.has(inspectionItemStream(code)));
  if (unknown.length > 0) throw new RuleViolationError('items', `unknown inspection items: ${unknown.join(', ')}`);
  const team = await eligibleTeam(deps, agency, entity, body.inspectors);
  if (team.eligible.length < MIN_TEAM) {
    const shortfall = { needed: MIN_TEAM, eligible: team.eligible.length, excluded: team.excluded };
    throw new StateConflictError(
      `A targeted inspection needs at least ${MIN_TEAM} eligible inspectors (行政处罚法 §42); ${team.eligible.length} of those chosen are eligible` +
        (team.excluded.length > 0 ? ` (${team.excluded.map((e) => `${e.inspector}: ${e.reason}`).join('; ')})` : '') +
        '. Choose others.',
      { shortfall },
    );
  }
  return {
    kind: 'targeted-inspection',
    inspectionId: targetedInspectionId(state.alertId, state.disposals + 1),
    entity,
    items: body.items,
    inspectors: team.eligible.map((id) => ({ id, agency })),
    excluded: team.excluded,
    plannedEnd: body.plannedEnd,
  };
}

/** The chosen inspectors who may inspect the entity: the agency's, without a 回避 conflict. */
async function eligibleTeam(deps: AlertsDeps, agency: string, entity: string, chosen: readonly string[]) {
  const unique = [...new Set(chosen)];
  const [heads, recent] = await Promise.all([
    deps.reader.getMany<{ conflicts: string[] }>(unique.map((id) => inspectorStream(agency, id))),
    deps.recentInspectors([entity], `${twelveMonthsBefore(deps.today())}T00:00:00.000Z`),
  ]);
  const eligible: string[] = [];
  const excluded: { inspector: string; reason: string }[] = [];
  for (const id of unique) {
    const inspector = heads.get(inspectorStream(agency, id));
    if (inspector === undefined) excluded.push({ inspector: id, reason: 'not an inspector of this agency' });
    else if (inspector.state.conflicts.includes(entity))
      excluded.push({ inspector: id, reason: 'declared conflict with the entity (回避)' });
    else if (recent.get(entity)?.has(id)) excluded.push({ inspector: id, reason: 'inspected the entity within the last 12 months (回避)' });
    else eligible.push(id);
  }
  return { eligible, excluded };
}
