import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { renderOpenApi } from '../../infra/openapi.ts';
import { routes } from '../../infra/topology.ts';

const committed = readFileSync(resolve(__dirname, '../../openapi.yaml'), 'utf8');

describe('openapi.yaml', () => {
  it('is exactly what the zod schemas generate (run `npm run openapi` after changing a schema)', () => {
    expect(committed).toBe(renderOpenApi());
  });

  it('documents every route of the topology and no other', () => {
    const document = parse(committed) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('gives every route that takes a token its 401 and 403 answers', () => {
    for (const route of routes.filter((r) => !('public' in r.access))) {
      expect(Object.keys(route.contract?.responses ?? {})).toEqual(expect.arrayContaining(['401', '403']));
    }
  });
});
