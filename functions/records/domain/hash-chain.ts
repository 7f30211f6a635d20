import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { RecordedEvent, UnhashedEvent } from './recorded-event.ts';

/** The first event's prevHash: 64 zeros (DESIGN §4). */
export const GENESIS_HASH = '0'.repeat(64);

/** hash = hex(SHA-256(UTF-8(prevHash + "\n" + JCS(event without "hash")))), RFC 8785 canonical JSON. */
export function hashOf(event: UnhashedEvent<unknown>): string {
  const canonical = canonicalize(event);
  if (canonical === undefined) throw new Error('event cannot be canonicalized');
  return createHash('sha256').update(`${event.prevHash}\n${canonical}`, 'utf8').digest('hex');
}

export function sealEvent<D>(event: UnhashedEvent<D>): RecordedEvent<D> {
  return { ...event, hash: hashOf(event) };
}

export type ChainBreak =
  | { seq: number; reason: 'sequence-gap'; expectedSeq: number }
  | { seq: number; reason: 'prev-hash-mismatch'; expectedPrevHash: string }
  | { seq: number; reason: 'hash-mismatch'; expectedHash: string };

export type ChainCheck = { ok: true; checked: number; lastHash: string } | { ok: false; checked: number; brokenAt: ChainBreak };

/**
 * Recomputes a chain from its events alone, as an auditor would. `from` continues a check across pages:
 * the seq and hash of the last event already checked.
 */
export function verifyChain(
  events: Iterable<RecordedEvent<unknown>>,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainCheck {
  let expectedSeq = from.seq + 1;
  let prevHash = from.hash;
  let checked = 0;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { ok: false, checked, brokenAt: { seq: event.seq, reason: 'sequence-gap', expectedSeq } };
    if (event.prevHash !== prevHash) {
      return { ok: false, checked, brokenAt: { seq: event.seq, reason: 'prev-hash-mismatch', expectedPrevHash: prevHash } };
    }
    const { hash, ...unhashed } = event;
    const expectedHash = hashOf(unhashed);
    if (hash !== expectedHash) return { ok: false, checked, brokenAt: { seq: event.seq, reason: 'hash-mismatch', expectedHash } };
    prevHash = hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prevHash };
}
