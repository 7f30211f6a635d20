import type { EventPattern, PatternValue } from '../topology.ts';

/**
 * The EventBridge pattern subset the topology uses: exact values, `prefix`, `anything-but`, on `source`,
 * `detail-type` and first-level `detail` fields. Any other operator is refused at start-up, never mis-matched.
 */
const SUPPORTED = new Set(['prefix', 'anything-but']);
const TOP_LEVEL = new Set(['source', 'detail-type', 'detail']);

export function assertSupported(pattern: EventPattern, where: string): void {
  for (const key of Object.keys(pattern)) {
    if (!TOP_LEVEL.has(key)) throw new Error(`${where}: the local bus cannot match on '${key}'`);
  }
  const lists: PatternValue[][] = [pattern.source ?? [], pattern['detail-type'] ?? [], ...Object.values(pattern.detail ?? {})];
  for (const detailValue of Object.values(pattern.detail ?? {})) {
    if (!Array.isArray(detailValue)) throw new Error(`${where}: nested detail patterns are not supported locally`);
  }
  for (const value of lists.flat()) {
    if (value !== null && typeof value === 'object') {
      const operators = Object.keys(value);
      const unsupported = operators.filter((op) => !SUPPORTED.has(op));
      if (operators.length !== 1 || unsupported.length > 0) {
        throw new Error(`${where}: the local bus does not support the pattern operator ${JSON.stringify(value)}`);
      }
    }
  }
}

function matchesValue(candidate: unknown, value: PatternValue): boolean {
  if (value === null || typeof value !== 'object') return candidate === value;
  if ('prefix' in value) return typeof candidate === 'string' && candidate.startsWith(value.prefix);
  const excluded = value['anything-but'];
  return Array.isArray(excluded) ? !excluded.includes(candidate as string) : candidate !== excluded;
}

/** EventBridge semantics: every field of the pattern must match; within a field, any listed value may. */
function matchesField(candidate: unknown, values: PatternValue[]): boolean {
  const candidates = Array.isArray(candidate) ? candidate : [candidate];
  return values.some((value) => candidates.some((c) => matchesValue(c, value)));
}

export function matches(pattern: EventPattern, event: { source: string; 'detail-type': string; detail: unknown }): boolean {
  if (pattern.source !== undefined && !matchesField(event.source, pattern.source)) return false;
  if (pattern['detail-type'] !== undefined && !matchesField(event['detail-type'], pattern['detail-type'])) return false;
  const detail = (event.detail ?? {}) as Record<string, unknown>;
  for (const [field, values] of Object.entries(pattern.detail ?? {})) {
    // As in EventBridge, a pattern on a field never matches an event without that field.
    if (!(field in detail)) return false;
    if (!matchesField(detail[field], values)) return false;
  }
  return true;
}
