import canonicalize from 'canonicalize';

/** An event as a timeline returns it (DESIGN §4, hash chain spec v1). */
export interface ChainedEvent {
  stream: string;
  seq: number;
  prevHash: string;
  hash: string;
  [member: string]: unknown;
}

/** The first event's prevHash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainBreak = { stream: string; seq: number; reason: 'sequence-gap' | 'prev-hash-mismatch' | 'hash-mismatch' };
export type ChainCheck = { ok: true; checked: number } | { ok: false; checked: number; brokenAt: ChainBreak };

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** hash = hex(SHA-256(UTF-8(prevHash + "\n" + JCS(event without "hash")))), with the browser's WebCrypto. */
export async function hashOf(event: ChainedEvent): Promise<string> {
  const { hash: _, ...unhashed } = event;
  const canonical = canonicalize(unhashed);
  if (canonical === undefined) throw new Error('event cannot be canonicalized');
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${event.prevHash}\n${canonical}`)));
}

/**
 * Recomputes every stream of a timeline from its events alone, as DESIGN §4 specifies: each stream starts at seq 1
 * with 64 zeros, each event names the one before it and its hash is its own content's. The digests are computed side
 * by side (each needs only its own event); the links are then checked in order, and the first broken one is named.
 */
export async function verifyTimeline(events: readonly ChainedEvent[]): Promise<ChainCheck> {
  const digests = await Promise.all(events.map(hashOf));
  const last = new Map<string, { seq: number; hash: string }>();
  let checked = 0;
  for (const [i, event] of events.entries()) {
    const before = last.get(event.stream) ?? { seq: 0, hash: GENESIS_HASH };
    const broken = (reason: ChainBreak['reason']): ChainCheck => ({
      ok: false,
      checked,
      brokenAt: { stream: event.stream, seq: event.seq, reason },
    });
    if (event.seq !== before.seq + 1) return broken('sequence-gap');
    if (event.prevHash !== before.hash) return broken('prev-hash-mismatch');
    if (digests[i] !== event.hash) return broken('hash-mismatch');
    last.set(event.stream, { seq: event.seq, hash: event.hash });
    checked += 1;
  }
  return { ok: true, checked };
}
