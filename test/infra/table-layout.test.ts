import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { type FunctionName, functions } from '../../infra/topology.ts';

const ROOT = resolve(__dirname, '../..');
const LAYOUT = /\/adapters\/table-layout\.ts$/;

/** Every key prefix any function's policy names: the vocabulary of the one table. */
const KEY_PREFIXES = [...new Set(Object.values(functions).flatMap((f) => [...f.table.read, ...f.table.write]))];

/**
 * How a prefix shows in code: a stream or blob prefix (`S#case/`, `BLOB#sampling/`) as a name built from it
 * (`case/${…}`), any other (`CASE#`, `ITEM`) as a string that starts with it.
 */
function markers(prefix: string): string[] {
  const built = /^(S|BLOB)#(.+)$/.exec(prefix)?.[2];
  if (built !== undefined) return [`\`${built}\${`];
  return ['"', "'", '`'].map((quote) => `${quote}${prefix}`);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('one table layout per context (STYLE §11)', () => {
  it('keeps every key string in a layout module: none in domain code, handlers or other adapters', () => {
    const stray = sources(join(ROOT, 'functions'))
      .filter((file) => !LAYOUT.test(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => {
            const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
            const found = KEY_PREFIXES.flatMap(markers).find((m) => code.includes(m));
            return found === undefined ? [] : [`${relative(ROOT, file)}:${i + 1}: ${found}`];
          }),
      );
    expect(stray).toEqual([]);
  });

  it.each(Object.keys(functions) as FunctionName[])(
    'lets the %s function reach no key prefix its policy lacks (what its bundle can build ⊆ its IAM prefixes)',
    async (name) => {
      const spec = functions[name];
      // Bundled as the CDK app bundles it: what tree-shaking keeps is what the function's code can build.
      const result = await build({
        entryPoints: [join(ROOT, spec.entry)],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        mainFields: ['module', 'main'],
        write: false,
        logLevel: 'error',
      });
      const code = result.outputFiles[0]?.text ?? '';
      const allowed = new Set([...spec.table.read, ...spec.table.write]);
      const reached = KEY_PREFIXES.filter((prefix) => markers(prefix).some((m) => code.includes(m)));
      expect(reached.filter((prefix) => !allowed.has(prefix))).toEqual([]);
    },
    60_000,
  );
});
