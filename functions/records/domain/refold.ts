import canonicalize from 'canonicalize';
import type { RecordedEvent } from './recorded-event.ts';
import type { StreamFold } from './stream-fold.ts';

/** A head whose cached state is not the fold of its stream's events: where they first part. */
export interface HeadDifference {
  stream: string;
  /** A dotted path into the state ('' for the whole of it). */
  field: string;
  stored: unknown;
  folded: unknown;
}

/** The fold that owns a stream, by the longest matching prefix; undefined for a stream no context declares. */
export function foldFor(folds: readonly StreamFold[], stream: string): StreamFold | undefined {
  return folds.filter((f) => stream.startsWith(f.prefix)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

/** The first path at which two JSON values differ (objects by key, arrays by index), or undefined when equal. */
export function firstDifference(stored: unknown, folded: unknown, path = ''): string | undefined {
  if (same(stored, folded)) return undefined;
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(stored) || !isObject(folded) || Array.isArray(stored) !== Array.isArray(folded)) return path;
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(folded)])].sort();
  for (const key of keys) {
    const at = firstDifference(stored[key], folded[key], path === '' ? key : `${path}.${key}`);
    if (at !== undefined) return at;
  }
  return path;
}

/** Refolds one stream and compares the result with its head's state (JSON, key order aside). */
export function checkHead(
  fold: StreamFold,
  head: { stream: string; agency: string; state: unknown; index?: Record<string, string> },
  events: readonly RecordedEvent[],
): { folded: unknown; index?: Record<string, string>; difference?: HeadDifference } {
  // JSON round trip: the head holds the state as JSON, where undefined members do not exist.
  const folded = JSON.parse(JSON.stringify(fold.fold(events, { agency: head.agency, state: head.state }) ?? null));
  const index = fold.index?.(folded);
  const field = firstDifference(head.state ?? null, folded);
  if (field === undefined) {
    if (index === undefined || same(head.index ?? {}, index)) return { folded };
    return { folded, index, difference: { stream: head.stream, field: '(index)', stored: head.index ?? {}, folded: index } };
  }
  const pick = (v: unknown) => (field === '' ? v : field.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], v));
  return {
    folded,
    ...(index === undefined ? {} : { index }),
    difference: { stream: head.stream, field, stored: pick(head.state), folded: pick(folded) },
  };
}
