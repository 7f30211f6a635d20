/**
 * Whether a new JSON Schema of an event's data still accepts everything the old one accepted. The rule for every event
 * type and version, internal or published in the catalog: events already stored are folded and replayed with the new
 * schema, and sending systems keep sending what they sent. A change that could refuse a value valid before (a removed
 * field of a closed object, a narrowed type, a newly required field, tighter bounds, a removed enum value) is breaking
 * and needs a new version; adding optional fields or values is not.
 *
 * The structure is compared by `json-schema-diff` (types, properties, required, additionalProperties, items, lengths,
 * numeric bounds, unions). It ignores `enum`, `const`, `pattern` and `format` (its KEYWORDS.md), so those are compared
 * here, conservatively: a lost enum or const value, or a changed pattern or format, counts as breaking.
 */
import jsonSchemaDiff from 'json-schema-diff';
import * as z from 'zod';
import { eventRegistry } from '../events/registry.ts';
import { eventCatalog } from '../functions/ingest/domain/catalog.ts';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  [key: string]: unknown;
};

export interface SchemaEntry {
  type: string;
  version: number;
  schema: JsonSchema;
}

type DiffSchema = Parameters<typeof jsonSchemaDiff.diffSchemas>[0]['sourceSchema'];
/**
 * json-schema-diff reads draft-07; zod writes 2020-12 with a `$schema` it does not know. Nothing else the schemas here
 * use differs between the two drafts, so the schema is handed over as it is otherwise.
 */
const forDiff = (schema: JsonSchema): DiffSchema => {
  const { $schema: _ignored, ...rest } = schema;
  return rest as DiffSchema;
};

/** What `json-schema-diff` leaves out, at each path both schemas have. */
function keywordBreaks(before: JsonSchema, after: JsonSchema, path: string): string[] {
  const out: string[] = [];
  const values = (s: JsonSchema) => (s.enum ?? (s.const === undefined ? undefined : [s.const]))?.map((v) => JSON.stringify(v));
  const [was, now] = [values(before), values(after)];
  if (now !== undefined) {
    const lost = was === undefined ? ['(any value)'] : was.filter((v) => !now.includes(v));
    if (lost.length > 0) out.push(`${path}: value(s) no longer accepted: ${lost.join(', ')}`);
  }
  for (const keyword of ['pattern', 'format'] as const) {
    if (after[keyword] !== undefined && after[keyword] !== before[keyword]) out.push(`${path}: ${keyword} changed`);
  }
  for (const [field, schema] of Object.entries(before.properties ?? {})) {
    const next = after.properties?.[field];
    if (next !== undefined) out.push(...keywordBreaks(schema, next, `${path}.${field}`));
  }
  if (before.items !== undefined && after.items !== undefined) out.push(...keywordBreaks(before.items, after.items, `${path}[]`));
  const [oldOptions, newOptions] = [before.anyOf ?? before.oneOf, after.anyOf ?? after.oneOf];
  if (oldOptions !== undefined && newOptions !== undefined) {
    oldOptions.forEach((option, i) => {
      if (newOptions.every((n) => keywordBreaks(option, n, path).length > 0)) out.push(`${path}: union option ${i} no longer accepted`);
    });
  }
  return out;
}

/** What the new schema refuses of what the old one accepted; empty when the change is compatible. */
export async function schemaBreaks(before: JsonSchema, after: JsonSchema): Promise<string[]> {
  if (JSON.stringify(before) === JSON.stringify(after)) return []; // unchanged: nothing to diff (most schemas, most runs)
  const diff = await jsonSchemaDiff.diffSchemas({ sourceSchema: forDiff(before), destinationSchema: forDiff(after) });
  return [
    ...(diff.removalsFound ? [`(data): values no longer accepted: ${JSON.stringify(diff.removedJsonSchema)}`] : []),
    ...keywordBreaks(before, after, '(data)'),
  ];
}

/** What a new list of schemas breaks of an old one: each old type and version must still be there, accepting as much. */
export async function entryBreaks(before: readonly SchemaEntry[], after: readonly SchemaEntry[]): Promise<string[]> {
  const out: string[] = [];
  for (const old of before) {
    const now = after.find((e) => e.type === old.type && e.version === old.version);
    if (now === undefined) out.push(`${old.type} v${old.version}: removed (a published version stays; add a new one instead)`);
    else out.push(...(await schemaBreaks(old.schema, now.schema)).map((b) => `${old.type} v${old.version}: ${b}`));
  }
  return out;
}

/** What a stored event's data may be, per type and version: the input its schema accepts. */
export const eventSchemas = (): SchemaEntry[] =>
  eventRegistry.map((def) => ({
    type: def.DETAIL_TYPE,
    version: def.VERSION,
    schema: z.toJSONSchema(def.data, { io: 'input', unrepresentable: 'any' }) as JsonSchema,
  }));
export const catalogSchemas = (): SchemaEntry[] =>
  eventCatalog().types.map(({ type, version, schema }) => ({ type, version, schema: schema as JsonSchema }));
