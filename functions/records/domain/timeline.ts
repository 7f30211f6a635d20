import { stringify } from 'csv-stringify/sync';
import type { EventStore } from '../ports.ts';
import { type ChainCheck, GENESIS_HASH, verifyChain } from './hash-chain.ts';
import type { RecordedEvent } from './recorded-event.ts';

/**
 * A timeline: the events of several streams in order (a case's with its inspection's; an entity's credit streams),
 * read a page at a time, exported whole, and verified link by link (DESIGN §4). Every context's timeline uses these.
 */
export interface TimelinePage {
  events: RecordedEvent[];
  cursor?: string;
}

/** A page of the timeline, each event exactly as stored (DESIGN §4, hash and prevHash included). */
export async function timelinePage(
  store: Pick<EventStore, 'read'>,
  streams: string[],
  limit: number,
  cursor?: { stream: number; afterSeq: number },
): Promise<TimelinePage> {
  const events: RecordedEvent[] = [];
  let position = cursor ?? { stream: 0, afterSeq: 0 };
  while (events.length < limit && position.stream < streams.length) {
    const page = await store.read(streams[position.stream] as string, { afterSeq: position.afterSeq, limit: limit - events.length });
    events.push(...page.events);
    position =
      page.nextAfterSeq !== undefined
        ? { stream: position.stream, afterSeq: page.nextAfterSeq }
        : { stream: position.stream + 1, afterSeq: 0 };
    if (page.nextAfterSeq !== undefined) break;
  }
  const more = position.stream < streams.length;
  return { events, ...(more ? { cursor: Buffer.from(JSON.stringify(position)).toString('base64url') } : {}) };
}

export function parseTimelineCursor(cursor: string | undefined): { stream: number; afterSeq: number } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { stream: unknown; afterSeq: unknown };
    if (Number.isInteger(value.stream) && Number.isInteger(value.afterSeq)) return value as { stream: number; afterSeq: number };
  } catch {
    // falls through
  }
  return undefined;
}

/** Recomputes every chain of the timeline, page after page, and names the first broken link. */
export async function verifyTimeline(
  store: Pick<EventStore, 'read'>,
  streams: string[],
): Promise<{ ok: boolean; streams: ({ stream: string } & ChainCheck)[] }> {
  const results: ({ stream: string } & ChainCheck)[] = [];
  for (const stream of streams) {
    let from = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    let result: ChainCheck | undefined;
    let afterSeq: number | undefined = 0;
    while (afterSeq !== undefined) {
      const page = await store.read(stream, { afterSeq, limit: 1000 });
      const check = verifyChain(page.events, from);
      if (!check.ok) {
        result = { ...check, checked: checked + check.checked };
        break;
      }
      checked += check.checked;
      const last = page.events.at(-1);
      if (last !== undefined) from = { seq: last.seq, hash: last.hash };
      afterSeq = page.nextAfterSeq;
    }
    results.push({ stream, ...(result ?? { ok: true, checked, lastHash: from.hash }) });
  }
  return { ok: results.every((r) => r.ok), streams: results };
}

const CSV_COLUMNS = [
  'stream',
  'seq',
  'type',
  'version',
  'occurredAt',
  'recordedAt',
  'actorId',
  'actorRole',
  'actorAgency',
  'correlationId',
  'data',
  'prevHash',
  'hash',
];
/**
 * The timeline as CSV (RFC 4180: CRLF between records, fields quoted when they hold a comma, quote or line break),
 * one event per row, `data` as its JSON; the hashes let a reader check each row. A cell a spreadsheet would take for
 * a formula (=, +, -, @, tab, CR first) is escaped, since auditors open these files in one (OWASP CSV injection).
 */
export function timelineCsv(events: readonly RecordedEvent[]): string {
  const rows = events.map((e) => [
    e.stream,
    String(e.seq),
    e.type,
    String(e.version),
    e.occurredAt,
    e.recordedAt,
    e.actor.id,
    e.actor.role,
    e.actor.agency,
    e.correlationId,
    JSON.stringify(e.data),
    e.prevHash,
    e.hash,
  ]);
  return stringify([CSV_COLUMNS, ...rows], { record_delimiter: 'windows', eof: false, escape_formulas: true });
}
