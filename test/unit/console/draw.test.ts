import * as fc from 'fast-check';
import { runDraw } from '#sampling/domain/proof';
import { verifyDraw } from '../../../web/console/src/draw.ts';

const CLASSES = ['A', 'B', 'C', 'D'] as const;

/** A draw made by the server's own code, with populations, a pool of two agencies, conflicts and a per-inspector cap. */
function serverDraw(seedByte: number, witness: string, sizes: number[], cap?: number) {
  const strata = CLASSES.map((name, i) => ({
    name,
    rateBp: [500, 1500, 4000, 8000][i] as number,
    population: Array.from({ length: sizes[i] ?? 0 }, (_, n) => `9111010${i}${String(n).padStart(10, '0')}X`),
  }));
  const pool = [
    ...Array.from({ length: 5 }, (_, n) => ({ id: `insp-${n}`, agency: 'SAMR-110105' })),
    ...Array.from({ length: 2 }, (_, n) => ({ id: `tax-${n}`, agency: 'TAX-110105' })),
  ];
  const first = strata.find((s) => s.population.length > 0)?.population[0] ?? 'none';
  const proof = runDraw({
    taskId: 'task-1',
    seed: Buffer.alloc(32, seedByte),
    witness,
    drawnAt: '2026-12-06T02:00:00.000Z',
    strata,
    pool,
    teamGroups: [
      { agency: 'SAMR-110105', count: 2 },
      { agency: 'TAX-110105', count: 1 },
    ],
    ...(cap === undefined ? {} : { maxAssignmentsPerInspector: cap }),
    exclusions: { entities: [], conflicts: [{ inspector: 'insp-0', entity: first, reason: 'declared' }] },
  });
  // Through JSON, as the browser receives it.
  return {
    proof: JSON.parse(JSON.stringify(proof)),
    populations: new Map(strata.map((s) => [s.name, [...s.population].reverse()])),
  };
}

describe("the console's in-browser draw check (draw spec v1, WebCrypto)", () => {
  it('agrees with the server on every draw: witnesses in any script, empty strata, caps and shortfalls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 255 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        async (seedByte, witness, sizes, cap) => {
          const { proof, populations } = serverDraw(seedByte, witness, sizes, cap);
          const check = await verifyDraw(proof, populations);
          expect(check).toMatchObject({ ok: true });
          expect(check.checked.map((c) => c.step)).toEqual(['commitment', 'stratum A', 'stratum B', 'stratum C', 'stratum D', 'teams']);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('names the first place a proof departs from the re-run', async () => {
    const { proof, populations } = serverDraw(7, '公证员 王五', [10, 10, 10, 10]);
    const swapped = structuredClone(proof);
    swapped.strata[2].selected.reverse();
    expect(await verifyDraw(swapped, populations)).toMatchObject({ ok: false, failed: { step: 'stratum C selected' } });

    const otherSeed = { ...structuredClone(proof), seed: 'ab'.repeat(32) };
    expect(await verifyDraw(otherSeed, populations)).toMatchObject({ ok: false, failed: { step: 'commitment' } });

    const oneMissing = new Map(populations);
    oneMissing.set('B', (populations.get('B') ?? []).slice(1));
    expect(await verifyDraw(proof, oneMissing)).toMatchObject({ ok: false, failed: { step: 'stratum B size' } });

    const otherWitness = { ...structuredClone(proof), witness: '公证员 王六' };
    expect(await verifyDraw(otherWitness, populations)).toMatchObject({ ok: false, failed: { step: 'stratum A selected' } });

    const team = structuredClone(proof);
    team.assignments[0].inspectors.reverse();
    expect(await verifyDraw(team, populations)).toMatchObject({ ok: false, failed: { step: expect.stringMatching(/^team of /) } });
  });
});
