import { caseHeads } from '#cases/adapters/table-layout';
import { CLASS_STREAMS, classLists } from '#credit/adapters/table-layout';
import { agencyList, entityHeads, inspectionItemHeads, inspectorHeads, inspectorLists } from '#directory/adapters/table-layout';
import { inspectionHeads } from '#inspections/adapters/table-layout';
import { accessLogs, shardOf, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';
import { inspectedMarkers } from '#sampling/adapters/table-layout';

/**
 * The alerts context's table layout (STYLE §11): its rules, the watches its rules keep per subject, and the alerts.
 * Other contexts' records are read through their layouts (imported here for the IAM list, and where they are used).
 */

/** One alert rule of an agency: a stream whose events are its versions (`Alerts.RuleVersioned`), listed by agency. */
export const RULE_STREAMS = 'alert-rule/';
export const ruleStream = (agency: string, ruleId: string) => `${RULE_STREAMS}${agency}/${ruleId}`;
const RULES = 'ALERTRULE#';
export const ruleIndex = (s: { agency: string; id: string }) => ({ gsi1pk: `${RULES}${s.agency}`, gsi1sk: s.id });
/** An agency's rule versions (the rules it has changed; the others are the defaults). */
export const rulesOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${RULES}${agency}` });

/**
 * What one rule has seen of one subject (`Alerts.FactObserved`), and the alerts it raised: a stream per agency, rule
 * and subject key (the domain makes the key: `entity:<uscc>`, `address:<hash>`, ...).
 */
export const WATCH_STREAMS = 'alert-watch/';
export const watchStream = (agency: string, ruleId: string, subjectKey: string) => `${WATCH_STREAMS}${agency}/${ruleId}/${subjectKey}`;

/** An alert: a stream of its own. */
export const ALERT_STREAMS = 'alert/';
export const alertStream = (alertId: string) => `${ALERT_STREAMS}${alertId}`;
const ALERTS = 'ALERT#';
const ALERTS_ABOUT = 'ALERT-ABOUT#';
/** The escalation clock: an open alert at the day its current step falls due, spread over 16 partitions. */
const CLOCKS = 'CLOCK#alerts';
const CLOCK_SHARDS = 16;

/**
 * An alert's head: listed by agency, open ones first by the day they were raised (the sort key starts with `open#` or
 * `done#`), by subject, and on the clock index while a step's deadline runs.
 */
export const alertIndex = (
  s: { agency: string; alertId: string; on: string; open: boolean; subject: { kind: string; id: string } },
  nextDue?: string,
): Record<string, string> => ({
  gsi1pk: `${ALERTS}${s.agency}`,
  gsi1sk: `${s.open ? 'open' : 'done'}#${s.on}#${s.alertId}`,
  gsi2pk: `${ALERTS_ABOUT}${s.agency}#${s.subject.kind}:${s.subject.id}`,
  gsi2sk: `${s.on}#${s.alertId}`,
  ...(nextDue === undefined
    ? {}
    : { gsi3pk: `${CLOCKS}#${shardOf(alertStream(s.alertId), CLOCK_SHARDS)}`, gsi3sk: `${nextDue}#${s.alertId}` }),
});
/** An agency's alerts: the open ones, the finished ones, or both (no `which`). */
export const alertsOf = (agency: string, which?: 'open' | 'done') => ({
  index: 'gsi1' as const,
  partition: `${ALERTS}${agency}`,
  ...(which === undefined ? {} : { prefix: `${which}#` }),
});
/** An agency's alerts about one subject. */
export const alertsAbout = (agency: string, subject: { kind: string; id: string }) => ({
  index: 'gsi2' as const,
  partition: `${ALERTS_ABOUT}${agency}#${subject.kind}:${subject.id}`,
});
/** The clock partitions, each read up to `day`. */
export const alertClocksDueBy = (day: string) =>
  Array.from({ length: CLOCK_SHARDS }, (_, i) => ({
    index: 'gsi3' as const,
    partition: `${CLOCKS}#${String(i).padStart(2, '0')}`,
    upTo: `${day}~`,
  }));

export const alertsAccess = (): TableAccess => ({
  read: [
    streamKeyPrefix(RULE_STREAMS),
    RULES,
    streamKeyPrefix(WATCH_STREAMS),
    streamKeyPrefix(ALERT_STREAMS),
    ALERTS,
    ALERTS_ABOUT,
    CLOCKS,
    entityHeads(),
    agencyList(),
    inspectionHeads(),
    caseHeads(),
    streamKeyPrefix(CLASS_STREAMS),
    classLists(),
    inspectorHeads(),
    inspectionItemHeads(),
    inspectorLists(),
    inspectedMarkers(),
    ...accessLogs(),
  ],
  write: [streamKeyPrefix(RULE_STREAMS), streamKeyPrefix(WATCH_STREAMS), streamKeyPrefix(ALERT_STREAMS), ...accessLogs()],
});
