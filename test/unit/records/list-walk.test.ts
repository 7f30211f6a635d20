import { shardOf } from '#records/adapters/table-layout';
import { walkLists } from '#records/domain/list-walk';
import { BadCursorError } from '#shared/errors';

/** Three partitions of a list sharded by month, newest first; each reads in pages of at most 2. */
const months: Record<string, string[]> = { '2026-12': ['d', 'c'], '2026-11': [], '2026-10': ['b', 'a', '0'] };
const read = async (month: string, limit: number, cursor?: string) => {
  const from = cursor === undefined ? 0 : Number(cursor);
  const items = (months[month] ?? []).slice(from, from + Math.min(limit, 2));
  const next = from + items.length;
  return { items, ...(next < (months[month] ?? []).length ? { cursor: String(next) } : {}) };
};

describe('a list over several partitions', () => {
  it('reads the partitions in turn, page after page, as one list', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await walkLists(Object.keys(months), read, 3, cursor);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(seen).toEqual(['d', 'c', 'b', 'a', '0']);
  });

  it('refuses a cursor it did not give', async () => {
    await expect(walkLists(Object.keys(months), read, 3, 'garbage')).rejects.toBeInstanceOf(BadCursorError);
    const outOfRange = Buffer.from(JSON.stringify({ at: 7 })).toString('base64url');
    await expect(walkLists(Object.keys(months), read, 3, outOfRange)).rejects.toBeInstanceOf(BadCursorError);
  });
});

describe('shards', () => {
  it('are stable and spread keys evenly', () => {
    expect(shardOf('case/case-1', 16)).toBe(shardOf('case/case-1', 16));
    const counts = new Map<string, number>();
    for (let i = 0; i < 16_000; i += 1) {
      const shard = shardOf(`case/case-${crypto.randomUUID()}`, 16);
      counts.set(shard, (counts.get(shard) ?? 0) + 1);
    }
    expect(counts.size).toBe(16);
    // 1,000 expected per shard; a fair hash stays well within ±20 % at this size.
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(200);
  });
});
