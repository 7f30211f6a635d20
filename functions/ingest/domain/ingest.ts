import { CASE_STREAMS } from '#cases/adapters/table-layout';
import { entityStream } from '#directory/adapters/table-layout';
import type { NewEvent } from '#records/domain/recorded-event';
import type { StoredRecord } from '#records/ports';
import { SideItemExistsError, VersionConflictError } from '#shared/errors';
import { markerKey, markerOf } from '../adapters/table-layout.ts';
import type { IngestDeps, IngestMarkers } from '../ports.ts';
import { type CheckedEvent, checkEntry, idOf, type PostingSystem, type Rejection } from './cloudevents.ts';
import { type ExternalRecord, externalStream, withReport } from './external-record.ts';

export type { IngestDeps, IngestMarkers };

export type EntryResult =
  | { index: number; id: string; status: 'accepted'; stream: string; seq: number }
  | { index: number; id: string; status: 'duplicate' }
  | ({ index: number; id?: string; status: 'rejected' } & Rejection);

/** The (source, id) pair as one string, from an event or from its marker's key. */
export const keyOf = (e: { source: string; id: string }) => `${e.source}\n${e.id}`;
export const keyOfMarker = (k: { pk: string; sk: string }) => keyOf(markerOf(k));

/** Events per transaction: each takes its event item and its marker, and the head takes one (≤ 100 items). */
const PER_TRANSACTION = 49;
const ATTEMPTS = 8;

/**
 * Takes one batch from a registered system: each entry accepted (appended to its subject's external record, with
 * its (source, id) marker in the same transaction), a duplicate (that pair was accepted before, or earlier in this
 * batch), or rejected with its reason. A batch sent again changes nothing.
 */
export async function ingest(
  deps: IngestDeps,
  system: PostingSystem,
  entries: readonly unknown[],
  correlationId: string,
): Promise<EntryResult[]> {
  const now = deps.clock();
  const results: (EntryResult | undefined)[] = new Array(entries.length).fill(undefined);
  const checked: { index: number; event: CheckedEvent }[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const outcome = checkEntry(entry, system, now);
    const id = idOf(entry);
    if (!outcome.ok) {
      results[index] = { index, ...(id === undefined ? {} : { id }), status: 'rejected', ...outcome.rejection };
    } else if (seen.has(keyOf(outcome.event))) {
      results[index] = { index, id: outcome.event.id, status: 'duplicate' };
    } else {
      seen.add(keyOf(outcome.event));
      checked.push({ index, event: outcome.event });
    }
  });

  // One round trip for the heads: each subject (a case or an entity of the system's agency; another agency's answers
  // as a missing one) and each external record the batch appends to; one more for the (source, id) markers.
  const subjectStream = (e: CheckedEvent) =>
    e.subjectKind === 'case' ? `${CASE_STREAMS}${e.subject}` : entityStream(system.agency, e.subject);
  const [heads, before] = await Promise.all([
    deps.reader.getMany<unknown>(checked.flatMap((c) => [subjectStream(c.event), externalStream(system.agency, c.event.subject)])),
    deps.markers.existing(checked.map((c) => c.event)),
  ]);
  const known = (e: CheckedEvent) => heads.get(subjectStream(e))?.agency === system.agency;
  const byStream = new Map<string, { index: number; event: CheckedEvent }[]>();
  for (const c of checked) {
    if (!known(c.event)) {
      results[c.index] = {
        index: c.index,
        id: c.event.id,
        status: 'rejected',
        reason: 'subject-not-in-agency',
        message: `no ${c.event.subjectKind === 'case' ? 'case' : 'entity'} '${c.event.subject}' in agency ${system.agency}`,
      };
    } else if (before.has(keyOf(c.event))) {
      results[c.index] = { index: c.index, id: c.event.id, status: 'duplicate' };
    } else {
      const stream = externalStream(system.agency, c.event.subject);
      byStream.set(stream, [...(byStream.get(stream) ?? []), c]);
    }
  }
  await Promise.all(
    [...byStream].map(async ([stream, pending]) => {
      const head = heads.get(stream) as StoredRecord<ExternalRecord> | undefined;
      for (const r of await appendToStream(deps, system, stream, head, pending, correlationId)) results[r.index] = r;
    }),
  );
  return results as EntryResult[];
}

/** The platform event an accepted CloudEvent becomes: its envelope kept, its time as when it happened. */
function stored(event: CheckedEvent, system: PostingSystem): NewEvent {
  return {
    type: event.def.DETAIL_TYPE,
    version: event.def.VERSION,
    occurredAt: event.time,
    data: {
      system: system.id,
      source: event.source,
      id: event.id,
      time: event.time,
      subject: event.subject,
      ...(event.dataschema === undefined ? {} : { dataschema: event.dataschema }),
      ...(event.extensions === undefined ? {} : { extensions: event.extensions }),
      data: event.data,
    },
  };
}

/** Appends a stream's new events in transactions of up to 49; re-reads on a concurrent append; a raced duplicate is one. */
async function appendToStream(
  deps: IngestDeps,
  system: PostingSystem,
  stream: string,
  known: StoredRecord<ExternalRecord> | undefined,
  entries: { index: number; event: CheckedEvent }[],
  correlationId: string,
): Promise<EntryResult[]> {
  const out: EntryResult[] = [];
  let pending = entries;
  // The head read with the batch serves until another writer moves it (a version conflict): then it is read again.
  let head = known;
  let conflicts = 0;
  while (pending.length > 0) {
    const chunk = pending.slice(0, PER_TRANSACTION);
    try {
      const appended = await appendChunk(deps, system, stream, head, chunk, correlationId);
      head = appended.head;
      chunk.forEach((c, i) => {
        out.push({ index: c.index, id: c.event.id, status: 'accepted', stream, seq: appended.seqs[i] ?? 0 });
      });
      pending = pending.slice(chunk.length);
    } catch (error) {
      if (error instanceof SideItemExistsError) {
        // Another request accepted some of these meanwhile (a concurrent duplicate batch): those are duplicates.
        const taken = new Set(error.keys.map(keyOfMarker));
        for (const c of pending.filter((p) => taken.has(keyOf(p.event)))) out.push({ index: c.index, id: c.event.id, status: 'duplicate' });
        pending = pending.filter((p) => !taken.has(keyOf(p.event)));
      } else if (error instanceof VersionConflictError && conflicts < ATTEMPTS) {
        conflicts += 1;
        // The store returns the head it found with the conflict; read it only when it could not.
        const found = error.head;
        head =
          found?.state !== undefined && found.agency !== undefined
            ? {
                stream,
                state: found.state as ExternalRecord,
                agency: found.agency,
                version: found.version,
                lastHash: found.lastHash,
                updatedAt: found.updatedAt ?? '',
              }
            : await deps.reader.get<ExternalRecord>(stream);
        // A little jitter, so that the writers that met here do not meet again at once.
        await new Promise((r) => setTimeout(r, Math.random() * 10 * conflicts));
      } else {
        throw error;
      }
    }
  }
  return out;
}

/** One transaction: the chunk's events, their markers, and the head with the record folded forward. */
async function appendChunk(
  deps: IngestDeps,
  system: PostingSystem,
  stream: string,
  head: StoredRecord<ExternalRecord> | undefined,
  chunk: { index: number; event: CheckedEvent }[],
  correlationId: string,
): Promise<{ head: StoredRecord<ExternalRecord>; seqs: number[] }> {
  const state = chunk.reduce<ExternalRecord | undefined>((s, c) => withReport(s, c.event, system), head?.state) as ExternalRecord;
  const appended = await deps.store.append({
    stream,
    expectedVersion: head?.version ?? 0,
    ...(head === undefined ? {} : { prevHash: head.lastHash }),
    events: chunk.map(({ event }) => stored(event, system)),
    actor: { id: system.id, role: 'enforcement-system', agency: system.agency },
    agency: system.agency,
    correlationId,
    head: { state },
    sideItems: chunk.map(({ event }) => ({
      ...markerKey(event.source, event.id),
      attributes: { stream, system: system.id, time: event.time },
    })),
  });
  const last = appended.events.at(-1);
  return {
    head: {
      stream,
      state,
      agency: system.agency,
      version: appended.version,
      lastHash: last?.hash ?? '',
      updatedAt: last?.recordedAt ?? '',
    },
    seqs: appended.events.map((e) => e.seq),
  };
}
