import { AlertClosed, FeedbackReceived } from '#events/alerts/alert-events.v1';
import { VersionConflictError } from '#shared/errors';
import { alertStream } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { type AlertState, newAlertEvent, stamped, withAlertEvents } from './alert.ts';
import { indexOf } from './alert-commands.ts';

/** What came back from a disposal: the targeted inspection's result, or how the case ended. */
export interface Feedback {
  alertId: string;
  from: { kind: 'inspection' | 'case'; id: string };
  outcome: string;
  summary: string;
  correlationId: string;
}

const ATTEMPTS = 5;

/**
 * The feedback reaches its alert (闭环): recorded once, and when the alert is waiting on exactly that disposal, the loop
 * closes with it (办结). Feedback on an alert that was reopened or dismissed meanwhile is recorded and closes nothing.
 */
export async function receiveFeedback(deps: AlertsDeps, feedback: Feedback): Promise<'closed' | 'recorded' | 'seen'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await receiveOnce(deps, feedback);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt === ATTEMPTS) throw error;
    }
  }
}

async function receiveOnce(deps: AlertsDeps, feedback: Feedback): Promise<'closed' | 'recorded' | 'seen'> {
  const head = await deps.reader.get<AlertState>(alertStream(feedback.alertId));
  if (head === undefined) return 'seen';
  const alert = head.state;
  if (alert.feedback.some((f) => f.from.kind === feedback.from.kind && f.from.id === feedback.from.id && f.outcome === feedback.outcome))
    return 'seen';
  const on = deps.today();
  const events = [newAlertEvent(FeedbackReceived, { from: feedback.from, outcome: feedback.outcome, summary: feedback.summary, on })];
  const awaited = alert.disposed?.disposal;
  const closes =
    alert.status === 'disposed' &&
    ((awaited?.kind === 'targeted-inspection' && feedback.from.kind === 'inspection' && awaited.inspectionId === feedback.from.id) ||
      (awaited?.kind === 'case-clue' && feedback.from.kind === 'case' && awaited.caseId === feedback.from.id));
  if (closes)
    events.push(
      newAlertEvent(AlertClosed, {
        feedback: `${feedback.from.kind === 'inspection' ? '定向检查' : '案件'} ${feedback.from.id}: ${feedback.outcome}${feedback.summary ? ` — ${feedback.summary}` : ''}`,
        on,
      }),
    );
  const actor = { id: 'risk-alerts', role: 'system', agency: head.agency };
  const at = deps.now().toISOString();
  const state = withAlertEvents(alert, stamped(events, at), head.agency, at, actor.id);
  await deps.store.append({
    stream: head.stream,
    expectedVersion: head.version,
    prevHash: head.lastHash,
    events: stamped(events, at),
    actor,
    agency: head.agency,
    correlationId: feedback.correlationId,
    head: { state, index: indexOf(state, deps) },
  });
  return closes ? 'closed' : 'recorded';
}

/** A completed inspection that an alert ordered: its result as the alert's feedback. */
export async function inspectionFeedback(
  deps: AlertsDeps,
  event: { stream: string; correlationId: string },
): Promise<Feedback | undefined> {
  const inspection = await deps.reader.get<{
    inspectionId: string;
    origin?: { alertId: string };
    result?: { result: string; summary: string };
  }>(event.stream);
  const alertId = inspection?.state.origin?.alertId;
  if (inspection === undefined || alertId === undefined) return undefined;
  const { inspectionId, result } = inspection.state;
  return {
    alertId,
    from: { kind: 'inspection', id: inspectionId },
    outcome: result?.result ?? 'completed',
    summary: result?.summary ?? '',
    correlationId: event.correlationId,
  };
}

/** A case an alert opened, ended (closed, terminated, not registered, transferred): how it ended as the alert's feedback. */
export async function caseFeedback(deps: AlertsDeps, event: { stream: string; correlationId: string }): Promise<Feedback | undefined> {
  const c = await deps.reader.get<{ caseId: string; status: string; source: { kind: string; ref: string }; decision?: { reason: string } }>(
    event.stream,
  );
  if (c === undefined || c.state.source.kind !== 'alert') return undefined;
  return {
    alertId: c.state.source.ref,
    from: { kind: 'case', id: c.state.caseId },
    outcome: c.state.status,
    summary: c.state.decision?.reason ?? '',
    correlationId: event.correlationId,
  };
}
