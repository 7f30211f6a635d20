import { SystemRegistered } from '#events/ingest/system-registered.v1';
import type { StreamFold } from '#records/domain/stream-fold';
import { type ExternalRecord, externalStream, withReport } from './external-record.ts';
import { systemStream } from './systems.ts';

const prefixOf = (stream: string) => `${stream.split('/')[0]}/`;

interface StoredReport {
  system: string;
  source: string;
  id: string;
  time: string;
  subject: string;
  data: unknown;
}

/** The ingest context's kinds of stream and how each folds (DESIGN §4). */
export const ingestFolds: readonly StreamFold[] = [
  {
    prefix: prefixOf(systemStream('id')),
    fold: (events) => events.reduce<unknown>((state, e) => (e.type === SystemRegistered.DETAIL_TYPE ? e.data : state), undefined),
  },
  {
    prefix: prefixOf(externalStream('agency', 'subject')),
    // Whether the subject is an entity or a case was decided at intake and is not on the events: the head's copy.
    fold: (events, head) =>
      events.reduce<ExternalRecord | undefined>((record, e) => {
        const d = e.data as unknown as StoredReport;
        const kind = (head.state as ExternalRecord | undefined)?.kind ?? 'entity';
        return withReport(
          record,
          { def: { DETAIL_TYPE: e.type }, source: d.source, id: d.id, time: d.time, subject: d.subject, subjectKind: kind, data: d.data },
          { id: d.system, agency: head.agency },
        );
      }, undefined),
  },
];
