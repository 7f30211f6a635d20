import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type OpenApiDoc, openApiBreaks } from '../../scripts/openapi-compat.ts';

/** The check `npm run openapi` runs against the committed openapi.yaml, tried on changes a client would feel. */
const committed = parse(readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8')) as OpenApiDoc;
const copy = () => structuredClone(committed);
type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[]; [k: string]: unknown };
const op = (doc: OpenApiDoc, path: string, method: string): unknown => doc.paths?.[path]?.[method];
const body = (doc: OpenApiDoc, path: string) =>
  (op(doc, path, 'post') as { requestBody: { content: { 'application/json': { schema: Schema } } } }).requestBody.content[
    'application/json'
  ].schema;
const component = (doc: OpenApiDoc, name: string) => doc.components?.schemas?.[name] as Schema;

describe('breaking changes to openapi.yaml', () => {
  it('finds none between the committed document and itself', async () => {
    expect(await openApiBreaks(committed, copy())).toEqual([]);
  });

  it('finds a removed operation, a new required body field, a new required query parameter and a narrowed one', async () => {
    const removed = copy();
    delete removed.paths?.['/cases/{id}/timeline']?.get;
    expect(await openApiBreaks(committed, removed)).toEqual(['GET /cases/{id}/timeline: removed']);

    const required = copy();
    const createCase = body(required, '/cases');
    createCase.properties.region = { type: 'string' };
    createCase.required = [...(createCase.required ?? []), 'region'];
    expect((await openApiBreaks(committed, required))[0]).toMatch(/^POST \/cases: request body: .*values no longer accepted/);

    const query = copy();
    const list = op(query, '/cases', 'get') as { parameters: { name: string; required?: boolean }[] };
    const status = list.parameters.find((p) => p.name === 'status');
    if (status === undefined) throw new Error('GET /cases has a status parameter');
    status.required = true;
    expect((await openApiBreaks(committed, query))[0]).toMatch(/^GET \/cases: query parameters: .*values no longer accepted/);

    const narrowed = copy();
    body(narrowed, '/cases/{id}/record-statement').properties.statement = { type: 'string', minLength: 1, maxLength: 100 };
    expect((await openApiBreaks(committed, narrowed))[0]).toMatch(
      /^POST \/cases\/\{id\}\/record-statement: request body: .*"maxLength":8000/,
    );
  });

  it('finds a response field a client relied on removed, and a status value it does not know', async () => {
    const lost = copy();
    const c = component(lost, 'Case');
    delete c.properties.caseId;
    c.required = (c.required ?? []).filter((r) => r !== 'caseId');
    const breaks = await openApiBreaks(committed, lost);
    expect(breaks).toContainEqual(expect.stringMatching(/^GET \/cases\/\{id\}: response 200: .*an old client cannot read/));

    const widened = copy();
    (component(widened, 'Case').properties.status as { enum: string[] }).enum.push('suspended');
    expect(await openApiBreaks(committed, widened)).toContainEqual(
      'GET /cases/{id}: response 200: .status: value(s) an old client cannot read: "suspended"',
    );
  });

  it('lets additions through: a new operation, an optional body field, a new response field', async () => {
    const added = copy();
    (added.paths as Record<string, unknown>)['/credit/{uscc}'] = { get: { responses: { 200: { description: 'x' } } } };
    body(added, '/cases').properties.note = { type: 'string' };
    component(added, 'Case').properties.riskClass = { type: 'string' };
    expect(await openApiBreaks(committed, added)).toEqual([]);
  });
});
