import { GENESIS_HASH, sealEvent } from '#records/domain/hash-chain';
import type { RecordedEvent } from '#records/domain/recorded-event';
import { consoleManifest } from '../../../infra/local/console-manifest.ts';
import { verifyTimeline } from '../../../web/console/src/chain.ts';
import { hasLabel } from '../../../web/console/src/labels.ts';

/** A stream sealed by the server's own hash-chain code, with data that canonical JSON must order and escape. */
function chain(stream: string, n: number): RecordedEvent<unknown>[] {
  const events: RecordedEvent<unknown>[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq += 1) {
    const event = sealEvent({
      stream,
      seq,
      type: 'Cases.Something',
      version: 1,
      occurredAt: '2026-12-06T01:02:03.000Z',
      recordedAt: '2026-12-06T01:02:03.000Z',
      actor: { id: 'off-1', role: 'case-officer', agency: 'SAMR-110105' },
      correlationId: `c-${seq}`,
      data: { z: seq, a: '罚款 ¥1,000 "quoted" \u2028', nested: { b: [1.5, 1e21, -0], a: null } },
      prevHash,
    });
    events.push(event);
    prevHash = event.hash;
  }
  return events;
}

describe("the console's in-browser chain check (WebCrypto, RFC 8785)", () => {
  it('agrees with the server on every hash of interleaved streams', async () => {
    const a = chain('case/1', 4);
    const b = chain('inspection/9', 3);
    const timeline = [b[0], a[0], a[1], b[1], b[2], a[2], a[3]] as RecordedEvent<unknown>[];
    expect(await verifyTimeline(timeline)).toEqual({ ok: true, checked: 7 });
  });

  it('names the first event whose content was edited', async () => {
    const events = chain('case/1', 5);
    const edited = events.map((e) => (e.seq === 3 ? { ...e, data: { z: 999 } } : e));
    expect(await verifyTimeline(edited)).toEqual({
      ok: false,
      checked: 2,
      brokenAt: { stream: 'case/1', seq: 3, reason: 'hash-mismatch' },
    });
  });

  it('names a removed event as a gap, and a re-sealed forgery by the link that no longer holds', async () => {
    const events = chain('case/1', 4);
    expect(await verifyTimeline(events.filter((e) => e.seq !== 2))).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, reason: 'sequence-gap' },
    });
    const { hash: _, ...second } = { ...(events[1] as RecordedEvent<unknown>), data: { forged: true } };
    const forged = events.map((e) => (e.seq === 2 ? sealEvent(second) : e));
    expect(await verifyTimeline(forged)).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'prev-hash-mismatch' } });
  });
});

describe("the console's names for the lifecycle", () => {
  it('has a Chinese and an English name for every case state and step the lifecycle table has', () => {
    const manifest = consoleManifest();
    const missing = [
      ...manifest.states.filter((s) => !hasLabel('state', s)).map((s) => `state ${s}`),
      ...Object.keys(manifest.steps)
        .filter((s) => !hasLabel('step', s))
        .map((s) => `step ${s}`),
    ];
    expect(missing).toEqual([]);
  });
});
