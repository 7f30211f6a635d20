import { BadCursorError } from './errors.ts';

/** Opaque page cursors: the last key of a page, base64url-encoded. A cursor for another list is a 400. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  if (key === undefined) return undefined;
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, mustMatch: Record<string, string>): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new BadCursorError();
  const entries = Object.entries(key);
  if (entries.length === 0 || entries.length > 6 || entries.some(([, v]) => typeof v !== 'string' || v.length > 1024)) {
    throw new BadCursorError();
  }
  for (const [name, value] of Object.entries(mustMatch)) {
    if ((key as Record<string, unknown>)[name] !== value) throw new BadCursorError();
  }
  return key as Record<string, string>;
}
