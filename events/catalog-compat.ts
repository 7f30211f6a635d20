/**
 * Whether a new JSON Schema of an event's data still accepts everything the old one accepted: what a sending system
 * relies on. A change that could refuse an event that was valid before (a removed field of a closed object, a
 * narrowed type, a removed enum value, a newly required field, tighter bounds) is breaking and needs a new version.
 * Conservative: a change it cannot prove harmless (a changed pattern or format, a reshaped union) counts as breaking.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  [key: string]: unknown;
};

const types = (s: JsonSchema): Set<string> | undefined => {
  if (s.type === undefined) return undefined;
  const list = Array.isArray(s.type) ? s.type : [s.type];
  // An integer is a number: a number field that becomes integer is narrowed, the other way widened.
  return new Set(list);
};

const tighterLower = (before: number | undefined, after: number | undefined) =>
  after !== undefined && (before === undefined || after > before);
const tighterUpper = (before: number | undefined, after: number | undefined) =>
  after !== undefined && (before === undefined || after < before);

export function breakingChanges(before: JsonSchema, after: JsonSchema, path = '(data)'): string[] {
  return [
    ...valueBreaks(before, after, path),
    ...boundBreaks(before, after, path),
    ...objectBreaks(before, after, path),
    ...(before.items !== undefined && after.items !== undefined ? breakingChanges(before.items, after.items, `${path}[]`) : []),
    ...unionBreaks(before, after, path),
  ];
}

/** Types, enums, constants, patterns and formats: what values are accepted at all. */
function valueBreaks(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const out: string[] = [];
  const oldTypes = types(before);
  const newTypes = types(after);
  if (newTypes !== undefined) {
    const lost =
      oldTypes === undefined ? ['any'] : [...oldTypes].filter((t) => !newTypes.has(t) && !(t === 'integer' && newTypes.has('number')));
    if (lost.length > 0) out.push(`${path}: type narrowed (${lost.join(', ')} no longer accepted)`);
  }
  if (after.enum !== undefined) {
    const removed = before.enum === undefined ? ['(any value)'] : before.enum.filter((v) => !after.enum?.includes(v));
    if (removed.length > 0) out.push(`${path}: enum value(s) removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  if ('const' in after && (!('const' in before) || JSON.stringify(before.const) !== JSON.stringify(after.const))) {
    out.push(`${path}: constant changed`);
  }
  if (after.pattern !== undefined && after.pattern !== before.pattern) out.push(`${path}: pattern changed`);
  if (after.format !== undefined && after.format !== before.format) out.push(`${path}: format changed`);
  return out;
}

/** Lengths, ranges and item counts: a tighter bound refuses what fit before. */
function boundBreaks(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const lower = [
    ['minLength', 'minimum length raised'],
    ['minimum', 'minimum raised'],
    ['exclusiveMinimum', 'exclusive minimum raised'],
    ['minItems', 'minimum items raised'],
  ] as const;
  const upper = [
    ['maxLength', 'maximum length lowered'],
    ['maximum', 'maximum lowered'],
    ['exclusiveMaximum', 'exclusive maximum lowered'],
    ['maxItems', 'maximum items lowered'],
  ] as const;
  return [
    ...lower.filter(([key]) => tighterLower(before[key], after[key])).map(([key, label]) => `${path}: ${label} to ${after[key]}`),
    ...upper.filter(([key]) => tighterUpper(before[key], after[key])).map(([key, label]) => `${path}: ${label} to ${after[key]}`),
  ];
}

/** Fields: none newly required, none removed from a closed object, none narrowed. */
function objectBreaks(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const out: string[] = [];
  const required = new Set(before.required ?? []);
  for (const field of after.required ?? []) if (!required.has(field)) out.push(`${path}.${field}: newly required`);
  const closed = after.additionalProperties === false;
  if (closed && before.additionalProperties !== false) out.push(`${path}: closed to fields it did not list`);
  for (const [field, schema] of Object.entries(before.properties ?? {})) {
    const next = after.properties?.[field];
    if (next !== undefined) out.push(...breakingChanges(schema, next, `${path}.${field}`));
    else if (closed) out.push(`${path}.${field}: removed`);
  }
  return out;
}

/** Every option accepted before must still be accepted by some option now. */
function unionBreaks(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const newOptions = after.anyOf ?? after.oneOf;
  if (newOptions === undefined) return [];
  const oldOptions = before.anyOf ?? before.oneOf ?? [before];
  return oldOptions.flatMap((option, i) =>
    newOptions.some((n) => breakingChanges(option, n).length === 0) ? [] : [`${path}: union option ${i} no longer accepted`],
  );
}

export interface CatalogEntry {
  type: string;
  version: number;
  schema: JsonSchema;
}

/** What a new catalog breaks of an old one: each old type and version must still be there, accepting as much. */
export function catalogBreaks(before: readonly CatalogEntry[], after: readonly CatalogEntry[]): string[] {
  const out: string[] = [];
  for (const old of before) {
    const now = after.find((e) => e.type === old.type && e.version === old.version);
    if (now === undefined) out.push(`${old.type} v${old.version}: removed (a published version stays; add a new one instead)`);
    else out.push(...breakingChanges(old.schema, now.schema).map((b) => `${old.type} v${old.version}: ${b}`));
  }
  return out;
}
