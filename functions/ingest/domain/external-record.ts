import { externalRecordStream } from '../adapters/table-layout.ts';
import type { CheckedEvent } from './cloudevents.ts';

/**
 * What other departments reported about one subject (an entity or a case), as the head of its stream
 * `external/<agency>/<subject>` caches it. State follows each event's `time`, never the order of arrival: the
 * latest report of each type is the one with the greatest (time, source, id), and counts are sums, so any order of
 * the same events folds to the same record.
 */
export interface ExternalRecord {
  subject: string;
  kind: 'entity' | 'case';
  agency: string;
  counts: Record<string, number>;
  latest: Record<string, { time: string; source: string; id: string; system: string; data: unknown }>;
  firstTime: string;
  lastTime: string;
}

export const externalStream = externalRecordStream;

const later = (a: { time: string; source: string; id: string }, b: { time: string; source: string; id: string }) =>
  a.time !== b.time ? a.time > b.time : a.source !== b.source ? a.source > b.source : a.id > b.id;

/** Keys in code-unit order, so that the stored JSON does not depend on arrival order either. */
const sorted = <V>(record: Record<string, V>): Record<string, V> =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export function withReport(
  record: ExternalRecord | undefined,
  event: Omit<CheckedEvent, 'def' | 'dataschema' | 'extensions'> & { def: { DETAIL_TYPE: string } },
  system: { id: string; agency: string },
): ExternalRecord {
  const type = event.def.DETAIL_TYPE;
  const report = { time: event.time, source: event.source, id: event.id, system: system.id, data: event.data };
  const base: ExternalRecord = record ?? {
    subject: event.subject,
    kind: event.subjectKind,
    agency: system.agency,
    counts: {},
    latest: {},
    firstTime: event.time,
    lastTime: event.time,
  };
  const current = base.latest[type];
  return {
    ...base,
    counts: sorted({ ...base.counts, [type]: (base.counts[type] ?? 0) + 1 }),
    latest: current === undefined || later(report, current) ? sorted({ ...base.latest, [type]: report }) : base.latest,
    firstTime: [event.time, base.firstTime].sort()[0] as string,
    lastTime: [event.time, base.lastTime].sort()[1] as string,
  };
}
