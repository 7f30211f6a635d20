import { createHash } from 'node:crypto';
import { FactObserved } from '#events/alerts/alert-events.v1';
import type { FactRef } from '#events/alerts/values';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { chinaDay } from '#shared/calendar';
import type { Fact, SubjectKind } from './facts.ts';
import type { VersionedRule } from './rules.ts';

/**
 * What one rule has seen of one subject (a watch): the facts inside its window, and every alert it raised. The fold
 * of the watch's `Alerts.FactObserved` events; its head caches it.
 */
export interface WatchState {
  agency: string;
  rule: string;
  subject: { kind: SubjectKind; id: string };
  facts: FactRef[];
  raised: string[];
}

/** Facts kept for a rule that counts single facts (window 0): enough for the record, bounded. */
const SINGLE_FACTS_KEPT = 20;

const factKey = (f: { stream: string; seq: number }) => `${f.stream}#${f.seq}`;
const byDay = (a: FactRef, b: FactRef) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : factKey(a) < factKey(b) ? -1 : 1);
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export const subjectKey = (subject: { kind: string; id: string }) => `${subject.kind}:${subject.id}`;

/**
 * The watch after one observed fact (its fold): kept in day order, only those that can still count in the rule's window
 * as of the day it was observed. The first fact makes the watch.
 */
export function evolveWatch(
  state: WatchState | undefined,
  event: { type: string; data: unknown; occurredAt: string },
  agency: string,
): WatchState {
  const { fact, raised, windowDays, rule, subject } = dataOf(FactObserved, event);
  const before = state ?? emptyWatch(agency, rule, subject);
  const today = chinaDay(event.occurredAt);
  const facts = [...before.facts.filter((f) => factKey(f) !== factKey(fact)), fact].sort(byDay);
  return {
    ...before,
    facts: windowDays === 0 ? facts.slice(-SINGLE_FACTS_KEPT) : facts.filter((f) => dayNumber(f.on) >= dayNumber(today) - windowDays),
    raised: raised === undefined || before.raised.includes(raised) ? before.raised : [...before.raised, raised],
  };
}

/**
 * The facts that make the rule's condition, if it holds: `count` facts within `days` days of each other (the first
 * such run, with every fact of its window), and none of them older than the window reaches back from today. A rule of
 * window 0 holds on any fact.
 */
export function conditionMet(facts: readonly FactRef[], window: { days: number; count: number }, today: string): FactRef[] | undefined {
  if (window.days === 0) return facts.length >= window.count ? facts.slice(-window.count) : undefined;
  const live = facts.filter((f) => dayNumber(f.on) >= dayNumber(today) - window.days);
  for (let i = 0; i + window.count - 1 < live.length; i += 1) {
    const first = live[i] as FactRef;
    const last = live[i + window.count - 1] as FactRef;
    if (dayNumber(last.on) - dayNumber(first.on) <= window.days) {
      return live.filter((f) => dayNumber(f.on) >= dayNumber(first.on) && dayNumber(f.on) <= dayNumber(first.on) + window.days);
    }
  }
  return undefined;
}

/** The id of the alert a run of facts raises: the same run, however it was delivered, names the same alert. */
export function alertIdFor(watch: WatchState, facts: readonly FactRef[]): string {
  const first = facts[0];
  // The count of alerts raised before tells a later run apart from a closed one that began with the same fact.
  const material = [
    watch.agency,
    watch.rule,
    subjectKey(watch.subject),
    first === undefined ? '' : factKey(first),
    watch.raised.length,
  ].join('\n');
  return `alert-${createHash('sha256').update(material).digest('hex').slice(0, 20)}`;
}

export interface Observation {
  /** The watch's events (nothing when the fact was seen before). */
  events: NewEvent[];
  state: WatchState;
  /** The alert to raise with the facts that made it, when the condition holds and no alert of this watch is open. */
  raise?: { alertId: string; facts: FactRef[] };
}

/**
 * One fact arrives at a rule's watch of a subject. Seen before (a redelivery): nothing. Otherwise it is recorded, and
 * if the condition now holds and none of the alerts this watch raised is still open, an alert is raised: never two
 * open alerts for one rule and subject, whatever the order and repetition of deliveries.
 */
export function observe(
  watch: WatchState,
  versioned: VersionedRule,
  fact: Fact,
  now: string,
  isOpen: (alertId: string) => boolean,
): Observation {
  if (watch.facts.some((f) => factKey(f) === factKey(fact))) return { events: [], state: watch };
  // A rule that raises on each fact alone cannot raise again while its alert is open: nothing to remember (a hot
  // subject, such as an entity a system signals about all day, would otherwise queue its writes on one stream).
  if (versioned.rule.trigger.window.days === 0 && watch.raised.some(isOpen)) return { events: [], state: watch };
  const ref: FactRef = { stream: fact.stream, seq: fact.seq, type: fact.type, on: fact.on, fields: fact.fields };
  const { window } = versioned.rule.trigger;
  const base = { rule: watch.rule, ruleVersion: versioned.version, subject: watch.subject, windowDays: window.days, fact: ref };
  const observed = (data: typeof base & { raised?: string }) => ({
    type: FactObserved.DETAIL_TYPE,
    version: FactObserved.VERSION,
    data,
    occurredAt: now,
  });
  const seen = evolveWatch(watch, observed(base), watch.agency);
  const made = watch.raised.some(isOpen) ? undefined : conditionMet(seen.facts, window, chinaDay(now));
  // Only a run that includes the new fact raises now; an older run that held before was raised (or closed) then.
  const raise = made?.some((f) => factKey(f) === factKey(ref)) ? { alertId: alertIdFor(watch, made), facts: made } : undefined;
  const event = observed(raise === undefined ? base : { ...base, raised: raise.alertId });
  const events: NewEvent[] = [event];
  return { events, state: evolveWatch(watch, event, watch.agency), ...(raise === undefined ? {} : { raise }) };
}

/** A watch not yet written. */
export const emptyWatch = (agency: string, rule: string, subject: { kind: SubjectKind; id: string }): WatchState => ({
  agency,
  rule,
  subject,
  facts: [],
  raised: [],
});
