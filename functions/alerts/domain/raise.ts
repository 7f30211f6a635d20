import { caseStream } from '#cases/adapters/table-layout';
import { entityStream } from '#directory/adapters/table-layout';
import { AlertRaised } from '#events/alerts/alert-events.v1';
import type { FactRef } from '#events/alerts/values';
import type { AppendInput } from '#records/ports';
import { VersionConflictError } from '#shared/errors';
import { alertIndex, alertStream, watchStream } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { type AlertState, isOpen, newAlertEvent, stamped, withAlertEvents } from './alert.ts';
import { nextClockDay } from './alert-clock.ts';
import { type Fact, factOf, type SourceEvent } from './facts.ts';
import { counts, type VersionedRule } from './rules.ts';
import { emptyWatch, observe, subjectKey, type WatchState } from './watch.ts';

const SYSTEM = (agency: string) => ({ id: 'risk-alerts', role: 'system', agency });
/** A watch written by two deliveries at once: the loser reads again and decides again, a few times. */
const ATTEMPTS = 5;

export interface Delivered extends SourceEvent {
  agency: string;
  correlationId: string;
}

/**
 * One delivered event through the agency's rules: as a fact, to the watch of each rule it counts for, raising an
 * alert where a rule's condition now holds. Idempotent and order-free: a fact is observed once per watch, and a
 * watch never has two open alerts. Returns the ids of the alerts raised.
 */
export async function observeEvent(
  deps: AlertsDeps,
  rules: (agency: string) => Promise<readonly VersionedRule[]>,
  event: Delivered,
): Promise<string[]> {
  const fact = factOf(event);
  return fact === undefined ? [] : observeFact(deps, rules, fact, event);
}

/** One fact (from an event, or from the alerts' own clock) through the agency's rules. */
export async function observeFact(
  deps: AlertsDeps,
  rules: (agency: string) => Promise<readonly VersionedRule[]>,
  fact: Fact,
  event: { agency: string; correlationId: string },
): Promise<string[]> {
  const raised: string[] = [];
  for (const versioned of await rules(event.agency)) {
    if (!counts(versioned.rule, fact)) continue;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const id = await observeForRule(deps, versioned, fact, event);
        if (id !== undefined) raised.push(id);
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt === ATTEMPTS) throw error;
      }
    }
  }
  return raised;
}

async function observeForRule(
  deps: AlertsDeps,
  versioned: VersionedRule,
  fact: Fact,
  event: { agency: string; correlationId: string },
): Promise<string | undefined> {
  const kind = versioned.rule.trigger.subject;
  const subject = { kind, id: fact.subjects[kind] as string };
  const stream = watchStream(event.agency, versioned.rule.id, subjectKey(subject));
  const head = await deps.reader.get<WatchState>(stream);
  const watch = head?.state ?? emptyWatch(event.agency, versioned.rule.id, subject);
  const alerts = await deps.reader.getMany<AlertState>(watch.raised.map(alertStream));
  const open = (id: string) => {
    const alert = alerts.get(alertStream(id));
    // Raised in the same transaction as the watch, so it exists; a missing one is taken as open (never raise twice).
    return alert === undefined || isOpen(alert.state.status);
  };
  const observed = observe(watch, versioned, fact, deps.now().toISOString(), open);
  if (observed.events.length === 0) return undefined;
  const watchAppend: AppendInput = {
    stream,
    expectedVersion: head?.version ?? 0,
    ...(head === undefined ? {} : { prevHash: head.lastHash }),
    events: observed.events,
    actor: SYSTEM(event.agency),
    agency: event.agency,
    correlationId: event.correlationId,
    head: { state: observed.state },
  };
  if (observed.raise === undefined) {
    await deps.store.append(watchAppend);
    return undefined;
  }
  const alert = await raisedAlert(deps, versioned, { agency: event.agency, subject, ...observed.raise });
  await deps.store.appendAll([
    watchAppend,
    {
      stream: alertStream(alert.alertId),
      expectedVersion: 0,
      events: alert.events,
      actor: SYSTEM(event.agency),
      agency: event.agency,
      correlationId: event.correlationId,
      head: {
        state: alert.state,
        index: alertIndex({ ...alert.state, on: alert.state.raisedOn, open: true }, nextClockDay(alert.state, deps.calendar)),
      },
    },
  ]);
  return alert.alertId;
}

/** Where the subject is and which entity is behind it: an entity's region, a case's party and region. */
async function subjectContext(deps: AlertsDeps, agency: string, subject: { kind: string; id: string }, facts: readonly FactRef[]) {
  if (subject.kind === 'entity') {
    const entity = await deps.reader.get<{ region: string }>(entityStream(agency, subject.id));
    return { region: entity?.state.region ?? '', entity: subject.id };
  }
  if (subject.kind === 'case') {
    const c = await deps.reader.get<{ entity: string; jurisdiction: string }>(caseStream(subject.id));
    return c === undefined || c.agency !== agency ? { region: '' } : { region: c.state.jurisdiction, entity: c.state.entity };
  }
  return { region: facts.find((f) => f.fields.region !== undefined)?.fields.region ?? '' };
}

async function raisedAlert(
  deps: AlertsDeps,
  versioned: VersionedRule,
  input: { agency: string; subject: AlertState['subject']; alertId: string; facts: FactRef[] },
) {
  const { rule, version } = versioned;
  const where = await subjectContext(deps, input.agency, input.subject, input.facts);
  const data = {
    alertId: input.alertId,
    rule: {
      id: rule.id,
      version,
      name: rule.name,
      why: rule.why,
      severity: rule.severity,
      role: rule.role,
      window: rule.trigger.window,
      deadlines: rule.deadlines,
    },
    subject: input.subject,
    region: where.region,
    ...(where.entity === undefined ? {} : { entity: where.entity }),
    facts: input.facts,
    on: deps.today(),
  };
  const at = deps.now().toISOString();
  const events = stamped([newAlertEvent(AlertRaised, data)], at);
  const state = withAlertEvents(undefined, events, input.agency, at, 'risk-alerts');
  return { alertId: input.alertId, events, state };
}
