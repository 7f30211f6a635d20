import { createHash, createHmac } from 'node:crypto';

/**
 * Draw specification v1 (DESIGN §6), to the letter: auditors and the public re-run it with their own tools.
 * Pure: no I/O, no clock, no randomness of its own; the seed and the witness are inputs.
 */
export const DRAW_ALGORITHM = 'draw/v1';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** hex(SHA-256(UTF-8(concat of id + "\n"))) over ids sorted by UTF-16 code unit. */
export function listHash(sortedIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of sortedIds) hash.update(`${id}\n`, 'utf8');
  return hash.digest('hex');
}

/** Sorted by code unit, as the specification says (JavaScript's default string order). */
export const sortByCodeUnit = (ids: Iterable<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** k = min(n, max(1, ceil(n × rateBp / 10000))) for n > 0, else 0: no non-empty stratum is exempt. */
export function sampleSize(n: number, rateBp: number): number {
  if (n === 0) return 0;
  return Math.min(n, Math.max(1, Math.floor((n * rateBp + 9999) / 10000)));
}

/** Consecutive big-endian uint32 words of HMAC-SHA256(K, uint32be(i)), i = 0, 1, 2, … */
export class WordStream {
  private block = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(private readonly key: Buffer) {}

  next(): number {
    if (this.offset >= this.block.length) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(this.counter);
      this.counter += 1;
      this.block = createHmac('sha256', this.key).update(index).digest();
      this.offset = 0;
    }
    const word = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return word;
  }

  /** limit = 2^32 − (2^32 mod m); words at or above it are rejected, so the result is unbiased. */
  uniform(m: number): number {
    if (!Number.isInteger(m) || m < 1) throw new Error(`uniform needs a positive integer, got ${m}`);
    const limit = 2 ** 32 - (2 ** 32 % m);
    for (;;) {
      const word = this.next();
      if (word < limit) return word % m;
    }
  }
}

/** Partial Fisher–Yates: for i = 0 … k−1, j = i + uniform(n − i), swap; the first k, in draw order. */
export function partialShuffle<T>(items: readonly T[], k: number, words: WordStream): T[] {
  const a = [...items];
  const take = Math.min(k, a.length);
  for (let i = 0; i < take; i += 1) {
    const j = i + words.uniform(a.length - i);
    const at = a[i] as T;
    a[i] = a[j] as T;
    a[j] = at;
  }
  return a.slice(0, take);
}

const hmac = (key: Buffer, message: string) => createHmac('sha256', key).update(message, 'utf8').digest();

export interface StratumInput {
  name: string;
  rateBp: number;
  /** Entity ids of the stratum, any order; the draw sorts them. */
  population: readonly string[];
}

export interface StratumResult {
  name: string;
  rateBp: number;
  populationHash: string;
  size: number;
  k: number;
  selected: string[];
}

export function drawStratum(seed: Buffer, taskId: string, witness: string, stratum: StratumInput): StratumResult {
  const sorted = sortByCodeUnit(stratum.population);
  const populationHash = listHash(sorted);
  const k = sampleSize(sorted.length, stratum.rateBp);
  const key = hmac(seed, `draw/v1\n${taskId}\n${stratum.name}\n${populationHash}\n${witness}`);
  return {
    name: stratum.name,
    rateBp: stratum.rateBp,
    populationHash,
    size: sorted.length,
    k,
    selected: k === 0 ? [] : partialShuffle(sorted, k, new WordStream(key)),
  };
}

export interface PoolInspector {
  id: string;
  agency: string;
}

export interface TeamGroup {
  agency: string;
  count: number;
}

export interface Assignment {
  entity: string;
  inspectors: string[];
  shortfalls: { agency: string; needed: number; assigned: number }[];
}

export interface AssignmentInput {
  seed: Buffer;
  taskId: string;
  witness: string;
  /** Selected entities, strata in task order, entities in draw order. */
  selected: readonly string[];
  pool: readonly PoolInspector[];
  teams: readonly TeamGroup[];
  /** Inspector ids barred from an entity (declared conflicts, recent inspections). */
  conflicts: ReadonlyMap<string, ReadonlySet<string>>;
  maxPerInspector?: number;
}

/**
 * Teams: one word stream keyed by HMAC(S, "inspectors/v1\n" + taskId + "\n" + poolHash + "\n" + W); for each
 * entity and each group, the eligible inspectors of the group's agency (sorted, minus conflicts, minus those
 * already on the team, minus those at the maximum) and a partial Fisher–Yates of `count`. Too few eligible is a
 * recorded shortfall: the team gets those there are, never someone ineligible.
 */
export function assignInspectors(input: AssignmentInput): { poolHash: string; assignments: Assignment[] } {
  const poolIds = sortByCodeUnit(input.pool.map((i) => i.id));
  const poolHash = listHash(poolIds);
  const words = new WordStream(hmac(input.seed, `inspectors/v1\n${input.taskId}\n${poolHash}\n${input.witness}`));
  const byAgency = new Map<string, string[]>();
  for (const inspector of input.pool) byAgency.set(inspector.agency, [...(byAgency.get(inspector.agency) ?? []), inspector.id]);
  for (const [agency, ids] of byAgency) byAgency.set(agency, sortByCodeUnit(ids));
  const load = new Map<string, number>();
  const assignments = input.selected.map((entity) => {
    const team: string[] = [];
    const shortfalls: Assignment['shortfalls'] = [];
    const barred = input.conflicts.get(entity) ?? new Set<string>();
    for (const group of input.teams) {
      const eligible = (byAgency.get(group.agency) ?? []).filter(
        (id) =>
          !barred.has(id) && !team.includes(id) && (input.maxPerInspector === undefined || (load.get(id) ?? 0) < input.maxPerInspector),
      );
      const picked = partialShuffle(eligible, group.count, words);
      for (const id of picked) {
        team.push(id);
        load.set(id, (load.get(id) ?? 0) + 1);
      }
      if (picked.length < group.count) shortfalls.push({ agency: group.agency, needed: group.count, assigned: picked.length });
    }
    return { entity, inspectors: team, shortfalls };
  });
  return { poolHash, assignments };
}
