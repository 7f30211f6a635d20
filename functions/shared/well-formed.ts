/**
 * The first field of a parsed value whose text is not well-formed Unicode (a lone UTF-16 surrogate, as JSON's
 * `\ud800` escape can make), as a dotted path; `undefined` when every string is whole. Such text cannot be stored as
 * UTF-8 without being changed, so it would break the hash of what was recorded: it is refused as bad input.
 */
const LONE_SURROGATE = /\p{Surrogate}/u;

export const isWellFormed = (text: string) => !LONE_SURROGATE.test(text);

export function illFormedField(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isWellFormed(value) ? undefined : path === '' ? '(root)' : path;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!isWellFormed(key)) return at;
    const found = illFormedField(inner, at);
    if (found !== undefined) return found;
  }
  return undefined;
}
