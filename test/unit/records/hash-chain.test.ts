import canonicalize from 'canonicalize';
import { chainEvents } from '#records/domain/append';
import { GENESIS_HASH, hashOf, verifyChain } from '#records/domain/hash-chain';
import type { RecordedEvent } from '#records/domain/recorded-event';
import vectors from '../../fixtures/hash-chain-v1.json';

const fixture = vectors.events.map((v) => v.event as RecordedEvent<unknown>);

describe('hash chain spec v1', () => {
  it('canonicalizes each fixture event exactly as the reference implementation did', () => {
    for (const { canonical, event } of vectors.events) {
      const { hash: _hash, ...unhashed } = event;
      expect(canonicalize(unhashed)).toBe(canonical);
    }
  });

  it('reproduces every committed hash from prevHash and the canonical event', () => {
    for (const event of fixture) {
      const { hash, ...unhashed } = event;
      expect(hashOf(unhashed)).toBe(hash);
    }
  });

  it('accepts the committed chain and reports its last hash', () => {
    expect(verifyChain(fixture)).toEqual({ ok: true, checked: 3, lastHash: fixture[2]?.hash });
  });

  it('names the event whose data was edited', () => {
    const tampered = structuredClone(fixture);
    ((tampered[1] as RecordedEvent<unknown>).data as { changes: { creditClass: string } }).changes.creditClass = 'A';
    const result = verifyChain(tampered);
    expect(result).toMatchObject({ ok: false, brokenAt: { seq: 2, reason: 'hash-mismatch' } });
  });

  it('names the event after a removed one as a sequence gap', () => {
    const result = verifyChain([fixture[0], fixture[2]] as RecordedEvent<unknown>[]);
    expect(result).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'sequence-gap', expectedSeq: 2 } });
  });

  it('names an event whose hash was recomputed after an edit by its broken prevHash link', () => {
    const tampered = structuredClone(fixture);
    const second = tampered[1] as RecordedEvent<unknown>;
    second.correlationId = 'forged';
    const { hash: _h, ...rest } = second;
    second.hash = hashOf(rest);
    expect(verifyChain(tampered)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'prev-hash-mismatch' } });
  });

  it('continues a check across pages from the last verified event', () => {
    const first = fixture[0] as RecordedEvent<unknown>;
    expect(verifyChain(fixture.slice(1), { seq: 1, hash: first.hash })).toMatchObject({ ok: true, checked: 2 });
  });

  it('chains new events from the genesis hash with consecutive sequence numbers', () => {
    const events = chainEvents({
      stream: 'case/1',
      version: 0,
      prevHash: GENESIS_HASH,
      events: [
        { type: 'T.A', version: 1, data: { a: 1 } },
        { type: 'T.B', version: 1, data: { b: 2 }, occurredAt: '2026-01-01T00:00:00.000Z' },
      ],
      actor: { id: 'u', role: 'admin', agency: 'X' },
      correlationId: 'c',
      now: new Date('2026-02-01T00:00:00.000Z'),
    });
    expect(events.map((e) => [e.seq, e.occurredAt])).toEqual([
      [1, '2026-02-01T00:00:00.000Z'],
      [2, '2026-01-01T00:00:00.000Z'],
    ]);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(verifyChain(events).ok).toBe(true);
  });
});
