/**
 * Draw specification v1 (DESIGN §6) re-run in the browser with WebCrypto, so that a supervisor, a witness or an auditor
 * sees with their own machine that the published sample follows from the committed seed, the witness's entropy and the
 * populations. Written from the specification, not from the server's code (`functions/sampling/domain/draw.ts`); the
 * unit test holds the two to the same answers. DOM-free: it needs only `crypto.subtle`.
 */

export interface ProofDocument {
  algorithm: string;
  taskId: string;
  commitment: string;
  seed: string;
  witness: string;
  strata: { name: string; rateBp: number; populationHash: string; size: number; k: number; selected: string[] }[];
  poolHash: string;
  pool: { id: string; agency: string }[];
  teamGroups: { agency: string; count: number }[];
  maxAssignmentsPerInspector: number | null;
  exclusions: { conflicts: { inspector: string; entity: string }[] };
  assignments: { entity: string; inspectors: string[]; shortfalls: { agency: string; needed: number; assigned: number }[] }[];
}

/** What the browser found: every step it re-ran, or the first place the proof and the re-run part. */
export type DrawCheck =
  | { ok: true; checked: { step: string; detail: string }[] }
  | { ok: false; checked: { step: string; detail: string }[]; failed: { step: string; expected: string; found: string } };

type Bytes = Uint8Array<ArrayBuffer>;
const utf8 = new TextEncoder();
const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Bytes => new Uint8Array((text.match(/../g) ?? []).map((h) => Number.parseInt(h, 16)));
const sha256 = async (data: Bytes) => hex(await crypto.subtle.digest('SHA-256', data));

async function hmac(key: Bytes, message: Bytes): Promise<Bytes> {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, message));
}

/** Code-unit order: JavaScript's default comparison of strings. */
const byCodeUnit = (ids: Iterable<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** hex(SHA-256(UTF-8(concat of id + "\n"))). */
export const listHash = (sorted: readonly string[]) => sha256(utf8.encode(sorted.map((id) => `${id}\n`).join('')));

/** k = min(n, max(1, ceil(n × rateBp / 10000))) for n > 0, else 0. */
export const sampleSize = (n: number, rateBp: number) => (n === 0 ? 0 : Math.min(n, Math.max(1, Math.floor((n * rateBp + 9999) / 10000))));

/** Big-endian uint32 words of the blocks HMAC-SHA256(K, uint32be(i)), i = 0, 1, …; uniform(m) by rejection. */
class Words {
  private block: Bytes = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  private key: ReturnType<typeof crypto.subtle.importKey>;
  constructor(key: Bytes) {
    this.key = crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }
  private async next(): Promise<number> {
    if (this.offset >= this.block.length) {
      const index = new Uint8Array(4);
      new DataView(index.buffer).setUint32(0, this.counter);
      this.counter += 1;
      this.block = new Uint8Array(await crypto.subtle.sign('HMAC', await this.key, index));
      this.offset = 0;
    }
    const word = new DataView(this.block.buffer).getUint32(this.offset);
    this.offset += 4;
    return word;
  }
  async uniform(m: number): Promise<number> {
    const limit = 2 ** 32 - (2 ** 32 % m);
    for (;;) {
      const word = await this.next();
      if (word < limit) return word % m;
    }
  }
}

async function shuffle(items: readonly string[], k: number, words: Words): Promise<string[]> {
  const a = [...items];
  for (let i = 0; i < Math.min(k, a.length); i += 1) {
    const j = i + (await words.uniform(a.length - i));
    [a[i], a[j]] = [a[j] as string, a[i] as string];
  }
  return a.slice(0, Math.min(k, a.length));
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

type Team = ProofDocument['assignments'][number];

/** The inspectors' stream, one team per selected entity: each group's eligible inspectors, partially shuffled. */
async function rerunTeams(proof: ProofDocument, seed: Bytes, poolIds: string[], poolHash: string): Promise<Team[]> {
  const words = new Words(await hmac(seed, utf8.encode(`inspectors/v1\n${proof.taskId}\n${poolHash}\n${proof.witness}`)));
  const agencyOf = new Map(proof.pool.map((p) => [p.id, p.agency]));
  const barred = new Map<string, Set<string>>();
  for (const c of proof.exclusions.conflicts) barred.set(c.entity, new Set([...(barred.get(c.entity) ?? []), c.inspector]));
  const load = new Map<string, number>();
  const cap = proof.maxAssignmentsPerInspector ?? Number.POSITIVE_INFINITY;
  const teams: Team[] = [];
  for (const entity of proof.strata.flatMap((s) => s.selected)) {
    const team: Team = { entity, inspectors: [], shortfalls: [] };
    for (const group of proof.teamGroups) {
      const eligible = poolIds.filter(
        (id) =>
          agencyOf.get(id) === group.agency && !barred.get(entity)?.has(id) && !team.inspectors.includes(id) && (load.get(id) ?? 0) < cap,
      );
      const picked = await shuffle(eligible, group.count, words);
      for (const id of picked) load.set(id, (load.get(id) ?? 0) + 1);
      team.inspectors.push(...picked);
      if (picked.length < group.count) team.shortfalls.push({ agency: group.agency, needed: group.count, assigned: picked.length });
    }
    teams.push(team);
  }
  return teams;
}

/**
 * Re-runs a proof: the commitment, then per stratum its population's hash, size, sample size and selection (from the
 * population the API serves), then the pool and every team. Stops at the first difference and names it.
 */
export async function verifyDraw(proof: ProofDocument, populations: ReadonlyMap<string, readonly string[]>): Promise<DrawCheck> {
  const checked: { step: string; detail: string }[] = [];
  const fail = (step: string, expected: unknown, found: unknown): DrawCheck => ({
    ok: false,
    checked,
    failed: { step, expected: JSON.stringify(expected), found: JSON.stringify(found) },
  });
  if (proof.algorithm !== 'draw/v1') return fail('algorithm', 'draw/v1', proof.algorithm);
  const seed = fromHex(proof.seed);
  const commitment = await sha256(seed);
  if (seed.length !== 32 || commitment !== proof.commitment) return fail('commitment', commitment, proof.commitment);
  checked.push({ step: 'commitment', detail: commitment });
  for (const stratum of proof.strata) {
    const step = `stratum ${stratum.name}`;
    const population = byCodeUnit(populations.get(stratum.name) ?? []);
    const populationHash = await listHash(population);
    if (population.length !== stratum.size) return fail(`${step} size`, population.length, stratum.size);
    if (populationHash !== stratum.populationHash) return fail(`${step} populationHash`, populationHash, stratum.populationHash);
    const k = sampleSize(population.length, stratum.rateBp);
    if (k !== stratum.k) return fail(`${step} k`, k, stratum.k);
    const key = await hmac(seed, utf8.encode(`draw/v1\n${proof.taskId}\n${stratum.name}\n${populationHash}\n${proof.witness}`));
    const selected = k === 0 ? [] : await shuffle(population, k, new Words(key));
    if (!same(selected, stratum.selected)) return fail(`${step} selected`, selected, stratum.selected);
    checked.push({ step, detail: `${k} / ${population.length}` });
  }
  const poolIds = byCodeUnit(proof.pool.map((p) => p.id));
  const poolHash = await listHash(poolIds);
  if (poolHash !== proof.poolHash) return fail('poolHash', poolHash, proof.poolHash);
  const entities = proof.strata.flatMap((s) => s.selected);
  const teams = await rerunTeams(proof, seed, poolIds, poolHash);
  for (const [index, expected] of teams.entries()) {
    if (!same(expected, proof.assignments[index])) return fail(`team of ${expected.entity}`, expected, proof.assignments[index]);
  }
  if (proof.assignments.length !== entities.length) return fail('assignments', entities.length, proof.assignments.length);
  checked.push({ step: 'teams', detail: `${entities.length}` });
  return { ok: true, checked };
}
