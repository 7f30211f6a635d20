import { isDeepStrictEqual } from 'node:util';
import {
  type Assignment,
  assignInspectors,
  DRAW_ALGORITHM,
  drawStratum,
  listHash,
  type PoolInspector,
  type StratumResult,
  sampleSize,
  sha256Hex,
  sortByCodeUnit,
  type TeamGroup,
} from './draw.ts';

/** Everything needed to re-run a draw (DESIGN §6): what GET /sampling-tasks/{id}/proof answers. */
export interface DrawProof {
  algorithm: typeof DRAW_ALGORITHM;
  taskId: string;
  commitment: string;
  /** The secret seed S as hex, revealed once drawn. */
  seed: string;
  witness: string;
  drawnAt: string;
  strata: StratumResult[];
  poolHash: string;
  pool: PoolInspector[];
  teamGroups: TeamGroup[];
  maxAssignmentsPerInspector: number | null;
  exclusions: {
    entities: { entity: string; reason: 'drawn-this-year'; item: string }[];
    conflicts: { inspector: string; entity: string; reason: 'declared' | 'inspected-within-12-months' }[];
  };
  assignments: Assignment[];
  /**
   * Why each entity sat in its stratum: per stratum, the credit profile version (class stream version) of each member
   * the credit context had classified; the others were classed by the national class. Not an input of the draw
   * (draw spec v1 ignores it); recorded so that an outsider can see the classing. Absent from proofs drawn before it.
   */
  classedBy?: { basis: string; strata: Record<string, Record<string, number>> };
}

export interface DrawInput {
  taskId: string;
  seed: Buffer;
  witness: string;
  drawnAt: string;
  strata: { name: string; rateBp: number; population: readonly string[] }[];
  pool: PoolInspector[];
  teamGroups: TeamGroup[];
  maxAssignmentsPerInspector?: number;
  exclusions: DrawProof['exclusions'];
}

export function conflictMap(conflicts: DrawProof['exclusions']['conflicts']): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const c of conflicts) map.set(c.entity, new Set([...(map.get(c.entity) ?? []), c.inspector]));
  return map;
}

export function runDraw(input: DrawInput): DrawProof {
  const strata = input.strata.map((s) => drawStratum(input.seed, input.taskId, input.witness, s));
  const pool = [...input.pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { poolHash, assignments } = assignInspectors({
    seed: input.seed,
    taskId: input.taskId,
    witness: input.witness,
    selected: strata.flatMap((s) => s.selected),
    pool,
    teams: input.teamGroups,
    conflicts: conflictMap(input.exclusions.conflicts),
    ...(input.maxAssignmentsPerInspector === undefined ? {} : { maxPerInspector: input.maxAssignmentsPerInspector }),
  });
  return {
    algorithm: DRAW_ALGORITHM,
    taskId: input.taskId,
    commitment: sha256Hex(input.seed),
    seed: input.seed.toString('hex'),
    witness: input.witness,
    drawnAt: input.drawnAt,
    strata,
    poolHash,
    pool,
    teamGroups: input.teamGroups,
    maxAssignmentsPerInspector: input.maxAssignmentsPerInspector ?? null,
    exclusions: input.exclusions,
    assignments,
  };
}

export type Verdict = { match: true; checked: string[]; unchecked: string[] } | { match: false; difference: string };

const first = (path: string, expected: unknown, actual: unknown): Verdict => ({
  match: false,
  difference: `${path}: the proof says ${JSON.stringify(actual)}, re-running gives ${JSON.stringify(expected)}`,
});

function firstDifference(path: string, expected: readonly unknown[], actual: readonly unknown[]): Verdict | undefined {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i += 1) {
    if (!isDeepStrictEqual(expected[i], actual[i])) return first(`${path}[${i}]`, expected[i], actual[i]);
  }
  return undefined;
}

/**
 * Re-runs a proof. With the populations, every selection is recomputed from them; without, the commitment,
 * sample sizes and the inspector assignments (which need only the proof) are, and the rest is said unchecked.
 */
export function verifyProof(proof: DrawProof, populations?: ReadonlyMap<string, readonly string[]>): Verdict {
  if (proof.algorithm !== DRAW_ALGORITHM) return { match: false, difference: `algorithm: ${proof.algorithm} is not ${DRAW_ALGORITHM}` };
  const seed = Buffer.from(proof.seed, 'hex');
  if (seed.length !== 32) return { match: false, difference: 'seed: not 32 bytes of hex' };
  if (sha256Hex(seed) !== proof.commitment) return first('commitment', sha256Hex(seed), proof.commitment);
  const checked = ['commitment'];
  const unchecked: string[] = [];
  for (const [i, stratum] of proof.strata.entries()) {
    const at = `strata[${i}] (${stratum.name})`;
    const k = sampleSize(stratum.size, stratum.rateBp);
    if (k !== stratum.k) return first(`${at}.k`, k, stratum.k);
    if (stratum.selected.length !== k) return first(`${at}.selected.length`, k, stratum.selected.length);
    const population = populations?.get(stratum.name);
    if (population === undefined) {
      unchecked.push(`${at}: selection (no population given)`);
      continue;
    }
    const sorted = sortByCodeUnit(population);
    if (sorted.length !== stratum.size) return first(`${at}.size`, sorted.length, stratum.size);
    if (listHash(sorted) !== stratum.populationHash) return first(`${at}.populationHash`, listHash(sorted), stratum.populationHash);
    const rerun = drawStratum(seed, proof.taskId, proof.witness, { name: stratum.name, rateBp: stratum.rateBp, population: sorted });
    const diff = firstDifference(`${at}.selected`, rerun.selected, stratum.selected);
    if (diff !== undefined) return diff;
    checked.push(`${at}: ${stratum.k} of ${stratum.size}`);
  }
  const poolIds = sortByCodeUnit(proof.pool.map((p) => p.id));
  if (listHash(poolIds) !== proof.poolHash) return first('poolHash', listHash(poolIds), proof.poolHash);
  const rerun = assignInspectors({
    seed,
    taskId: proof.taskId,
    witness: proof.witness,
    selected: proof.strata.flatMap((s) => s.selected),
    pool: proof.pool,
    teams: proof.teamGroups,
    conflicts: conflictMap(proof.exclusions.conflicts),
    ...(proof.maxAssignmentsPerInspector === null ? {} : { maxPerInspector: proof.maxAssignmentsPerInspector }),
  });
  const diff = firstDifference('assignments', rerun.assignments, proof.assignments);
  if (diff !== undefined) return diff;
  checked.push(`assignments: ${proof.assignments.length} teams`);
  return { match: true, checked, unchecked };
}
