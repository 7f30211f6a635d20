import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { assignInspectors, drawStratum, sampleSize, sha256Hex, WordStream } from '#sampling/domain/draw';
import { type DrawProof, runDraw, verifyProof } from '#sampling/domain/proof';

const fixtures = join(__dirname, '../../fixtures/draw-v1');
const scenarios = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const load = (name: string) => {
  const proof = JSON.parse(readFileSync(join(fixtures, name, 'proof.json'), 'utf8')) as DrawProof;
  const populations = new Map<string, string[]>(
    proof.strata.map((s) => [
      s.name,
      (JSON.parse(readFileSync(join(fixtures, name, 'populations', `${s.name}.json`), 'utf8')) as { ids: string[] }).ids,
    ]),
  );
  return { proof, populations };
};

describe('draw specification v1 against the committed vectors of the independent reference', () => {
  it('has vectors to check', () => expect(scenarios.length).toBeGreaterThanOrEqual(3));

  it.each(scenarios)('%s: re-drawing from the same inputs gives the same proof', (name) => {
    const { proof, populations } = load(name);
    const redrawn = runDraw({
      taskId: proof.taskId,
      seed: Buffer.from(proof.seed, 'hex'),
      witness: proof.witness,
      drawnAt: proof.drawnAt,
      strata: proof.strata.map((s) => ({ name: s.name, rateBp: s.rateBp, population: populations.get(s.name) ?? [] })),
      pool: proof.pool,
      teamGroups: proof.teamGroups,
      ...(proof.maxAssignmentsPerInspector === null ? {} : { maxAssignmentsPerInspector: proof.maxAssignmentsPerInspector }),
      exclusions: proof.exclusions,
    });
    expect(redrawn).toEqual(proof);
  });

  it.each(scenarios)('%s: the verifier says match', (name) => {
    const { proof, populations } = load(name);
    expect(verifyProof(proof, populations)).toMatchObject({ match: true });
  });

  it('names the first difference when one selected id is changed', () => {
    const { proof, populations } = load('small-two-agencies');
    const edited = structuredClone(proof);
    (edited.strata[1] as { selected: string[] }).selected[0] = '91110105000000001X';
    expect(verifyProof(edited, populations)).toEqual({
      match: false,
      difference: expect.stringMatching(/^strata\[1\] \(B\)\.selected\[0\]/),
    });
  });

  it('refuses a seed that does not match the commitment', () => {
    const { proof } = load('small-two-agencies');
    expect(verifyProof({ ...proof, seed: 'ff'.repeat(32) })).toMatchObject({
      match: false,
      difference: expect.stringMatching(/^commitment/),
    });
  });

  it('records a shortfall instead of filling a team with an ineligible inspector', () => {
    const { proof } = load('empty-stratum');
    expect(proof.assignments.every((a) => a.inspectors.length === 1 && a.shortfalls[0]?.assigned === 1)).toBe(true);
  });

  it('never gives an inspector more than the maximum', () => {
    const { proof } = load('shortfall-and-cap');
    const load_ = new Map<string, number>();
    for (const a of proof.assignments) for (const id of a.inspectors) load_.set(id, (load_.get(id) ?? 0) + 1);
    expect(Math.max(...load_.values())).toBeLessThanOrEqual(12);
    expect(proof.assignments.some((a) => a.shortfalls.length > 0)).toBe(true);
  });
});

describe('the draw, as properties', () => {
  const ids = fc.uniqueArray(fc.stringMatching(/^[0-9A-Z]{4,8}$/), { minLength: 0, maxLength: 60 });
  const seed = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));
  const rate = fc.integer({ min: 0, max: 10_000 });

  it('selects k distinct members of the population, k as the specification computes it', () => {
    fc.assert(
      fc.property(ids, seed, rate, fc.string(), (population, s, rateBp, witness) => {
        const result = drawStratum(s, 'task', witness, { name: 'A', rateBp, population });
        const k = sampleSize(population.length, rateBp);
        return (
          result.selected.length === k &&
          new Set(result.selected).size === k &&
          result.selected.every((id) => population.includes(id)) &&
          (population.length === 0 || k >= 1)
        );
      }),
    );
  });

  it('gives the same selection for the same inputs, whatever order the population came in', () => {
    fc.assert(
      fc.property(ids, seed, rate, (population, s, rateBp) => {
        const a = drawStratum(s, 'task', 'w', { name: 'B', rateBp, population });
        const b = drawStratum(s, 'task', 'w', { name: 'B', rateBp, population: [...population].reverse() });
        return JSON.stringify(a) === JSON.stringify(b);
      }),
    );
  });

  it('never puts a conflicted inspector on a team, nor anyone twice, nor over the maximum', () => {
    const pool = fc.uniqueArray(fc.stringMatching(/^i[0-9]{1,3}$/), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        pool,
        fc.uniqueArray(fc.stringMatching(/^E[0-9]{1,3}$/), { maxLength: 20 }),
        seed,
        fc.nat(5),
        fc.integer({ min: 1, max: 4 }),
        (inspectors, entities, s, conflictEvery, max) => {
          const conflicts = new Map(
            entities.map((e, i) => [e, new Set(inspectors.filter((_, j) => conflictEvery > 0 && (i + j) % (conflictEvery + 1) === 0))]),
          );
          const half = Math.ceil(inspectors.length / 2);
          const poolWithAgencies = inspectors.map((id, i) => ({ id, agency: i < half ? 'A' : 'B' }));
          const { assignments } = assignInspectors({
            seed: s,
            taskId: 't',
            witness: 'w',
            selected: entities,
            pool: poolWithAgencies,
            teams: [
              { agency: 'A', count: 2 },
              { agency: 'B', count: 1 },
            ],
            conflicts,
            maxPerInspector: max,
          });
          const load = new Map<string, number>();
          for (const a of assignments) {
            if (new Set(a.inspectors).size !== a.inspectors.length) return false;
            if (a.inspectors.some((id) => conflicts.get(a.entity)?.has(id))) return false;
            const shortBy = a.shortfalls.reduce((n, f) => n + f.needed - f.assigned, 0);
            if (a.inspectors.length + shortBy !== 3) return false;
            for (const id of a.inspectors) load.set(id, (load.get(id) ?? 0) + 1);
          }
          return [...load.values()].every((n) => n <= max);
        },
      ),
    );
  });
});

describe('the draw is fair', () => {
  it('selects every entity with frequency k/n within a chi-square bound over many seeds', () => {
    const n = 20;
    const population = Array.from({ length: n }, (_, i) => `E${String(i).padStart(2, '0')}`);
    const rounds = 4000;
    const rateBp = 2500; // k = 5
    const counts = new Map(population.map((id) => [id, 0]));
    for (let r = 0; r < rounds; r += 1) {
      const seed = Buffer.from(sha256Hex(`seed-${r}`), 'hex');
      for (const id of drawStratum(seed, 'fairness', 'w', { name: 'A', rateBp, population }).selected)
        counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const expected = (rounds * 5) / n;
    const chiSquare = [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 19 degrees of freedom: P(χ² > 43.82) = 0.001. The seeds are fixed, so the test is deterministic.
    expect(chiSquare).toBeLessThan(43.82);
  });

  it('rejects the words that would bias uniform(m) and keeps the others', () => {
    const words = new WordStream(Buffer.alloc(32));
    for (let m = 1; m < 200; m += 1) {
      const value = words.uniform(m);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(m);
    }
  });
});
