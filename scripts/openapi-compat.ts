/**
 * What a new openapi.yaml breaks of the last committed one, for a client written against it: an operation removed; a
 * request it sent refused (a body or parameter the new schema does not accept: a field removed from a closed body, a
 * narrowed type, a newly required field or parameter, tighter bounds); a success status it expected gone; a response
 * it could not read (a field it relied on removed, a type changed, an enum value it does not know). Responses are
 * read tolerantly (unknown fields ignored), so a new response field is not breaking. Schemas are compared with
 * scripts/schema-compat.ts (json-schema-diff plus the keywords it leaves out).
 */
import { type JsonSchema, schemaBreaks } from './schema-compat.ts';

type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
};
export type OpenApiDoc = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The schema with every `#/components/schemas/…` reference replaced by what it names. */
function inline(schema: unknown, doc: OpenApiDoc, depth = 0): unknown {
  if (depth > 32) throw new Error('openapi-compat: schema references nest too deep (a cycle?)');
  if (Array.isArray(schema)) return schema.map((s) => inline(s, doc, depth + 1));
  if (schema === null || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (typeof ref === 'string') {
    const target = doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
    if (target === undefined) throw new Error(`openapi-compat: ${ref} not found`);
    return inline(target, doc, depth + 1);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v, doc, depth + 1)]));
}

/** A client reads responses tolerantly: fields it does not know are ignored, so every object is open. */
function open(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(open);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'additionalProperties' ? true : open(v)]));
  return out;
}

/** A location's parameters as one object schema: a new required parameter, or a narrowed one, refuses old requests. */
function parametersOf(op: Operation, where: string, doc: OpenApiDoc): JsonSchema {
  const params = (op.parameters ?? []).filter((p) => p.in === where);
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, inline(p.schema ?? {}, doc) as JsonSchema])),
    required: params.filter((p) => p.required === true).map((p) => p.name),
    // Query strings are parsed strictly: a parameter the new API drops would refuse an old request.
    ...(where === 'query' ? { additionalProperties: false } : {}),
  };
}

const jsonOf = (part: { content?: Record<string, { schema?: JsonSchema }> } | undefined) => part?.content?.['application/json']?.schema;

/** A request the old operation took that the new one refuses: its parameters, then its body. */
async function requestBreaks(old: Operation, now: Operation, docs: { before: OpenApiDoc; after: OpenApiDoc }): Promise<string[]> {
  const out: string[] = [];
  for (const where of ['path', 'query', 'header']) {
    const breaks = await schemaBreaks(parametersOf(old, where, docs.before), parametersOf(now, where, docs.after));
    out.push(...breaks.map((b) => `${where} parameters: ${b.replace('(data)', '')}`));
  }
  const [oldBody, newBody] = [jsonOf(old.requestBody), jsonOf(now.requestBody)];
  // A body the new operation requires where the old took none refuses every old request; an optional one refuses none.
  const bodyNowNeeded = newBody !== undefined && (oldBody !== undefined || now.requestBody?.required === true);
  if (bodyNowNeeded) {
    const breaks = await schemaBreaks(inline(oldBody ?? {}, docs.before) as JsonSchema, inline(newBody, docs.after) as JsonSchema);
    out.push(...breaks.map((b) => `request body: ${b.replace('(data)', '')}`));
  }
  return out;
}

/** A success the old client expected that the new operation no longer gives, or answers in a shape it cannot read. */
async function responseBreaks(old: Operation, now: Operation, docs: { before: OpenApiDoc; after: OpenApiDoc }): Promise<string[]> {
  const out: string[] = [];
  for (const [status, response] of Object.entries(old.responses ?? {}).filter(([s]) => s.startsWith('2'))) {
    const next = now.responses?.[status];
    if (next === undefined) {
      out.push(`response ${status} no longer given`);
      continue;
    }
    const [was, is] = [jsonOf(response), jsonOf(next)];
    if (was === undefined || is === undefined) continue;
    // What the server may now answer must be something the old client could read.
    const breaks = await schemaBreaks(open(inline(is, docs.after)) as JsonSchema, open(inline(was, docs.before)) as JsonSchema);
    out.push(
      ...breaks.map((b) => `response ${status}: ${b.replace('(data)', '').replace('no longer accepted', 'an old client cannot read')}`),
    );
  }
  return out;
}

export async function openApiBreaks(before: OpenApiDoc, after: OpenApiDoc): Promise<string[]> {
  const out: string[] = [];
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    for (const method of METHODS.filter((m) => item[m] !== undefined)) {
      const name = `${method.toUpperCase()} ${path}`;
      const now = after.paths?.[path]?.[method];
      if (now === undefined) {
        out.push(`${name}: removed`);
        continue;
      }
      const old = item[method] as Operation;
      const breaks = [...(await requestBreaks(old, now, { before, after })), ...(await responseBreaks(old, now, { before, after }))];
      out.push(...breaks.map((b) => `${name}: ${b}`));
    }
  }
  return out;
}
