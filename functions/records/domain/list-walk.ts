import { BadCursorError } from '#shared/errors';

/**
 * One page over several index partitions read in turn (a list sharded by date: this month's, then last month's, …),
 * as if they were one list. `read` reads a page of one partition; the cursor says which partition the page stopped
 * in and where, and is opaque to callers.
 */
export async function walkLists<P, T>(
  partitions: readonly P[],
  read: (partition: P, limit: number, cursor?: string) => Promise<{ items: T[]; cursor?: string }>,
  limit: number,
  cursor?: string,
): Promise<{ items: T[]; cursor?: string }> {
  let { at, inner } = parse(cursor, partitions.length);
  const items: T[] = [];
  while (at < partitions.length && items.length < limit) {
    const page = await read(partitions[at] as P, limit - items.length, inner);
    items.push(...page.items);
    if (page.cursor !== undefined) inner = page.cursor;
    else {
      at += 1;
      inner = undefined;
    }
  }
  return { items, ...(at < partitions.length ? { cursor: Buffer.from(JSON.stringify({ at, inner })).toString('base64url') } : {}) };
}

function parse(cursor: string | undefined, count: number): { at: number; inner?: string | undefined } {
  if (cursor === undefined) return { at: 0 };
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; inner?: unknown };
    const inner = typeof value.inner === 'string' ? value.inner : undefined;
    if (Number.isInteger(value.at) && (value.at as number) >= 0 && (value.at as number) < count) return { at: value.at as number, inner };
  } catch {
    // falls through
  }
  throw new BadCursorError();
}
