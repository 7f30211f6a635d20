/**
 * Where a function's cold start spends its time: imports the bundle that `npm run bench:bundles` built and then every
 * chunk of it (all that the function may load on first use: more than any one request loads), in a fresh Node 22
 * process under the CPU profiler, maps every sample back through its file's source map, and prints self time by
 * package (and by file of this repository). Compilation and garbage collection are listed as V8 reports them.
 * Run: npm run bench:profile -- cases   (after npm run bench:bundles; PROFILE_RUNS profiles summed, default 5)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_IMPORT_ENV } from './bundle-env.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const name = process.argv[2] ?? 'cases';
const runs = Number(process.env.PROFILE_RUNS ?? 5);
const outdir = resolve(import.meta.dirname, 'results/bundles', name);
const files = readdirSync(outdir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => join(outdir, f))
  .sort((a, b) => Number(b.endsWith('index.mjs')) - Number(a.endsWith('index.mjs')));
const maps = new Map<string, SourceMap>();
/** The source map of one file of the bundle, by the file's URL in the profile. */
function mapOf(url: string): SourceMap {
  let map = maps.get(url);
  if (map === undefined) {
    map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
    maps.set(url, map);
  }
  return map;
}

/** A source path as a package name (node_modules/@scope/pkg) or a repository file. */
function owner(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules < 0) return source.replace(/^(\.\.\/)+/, '');
  const [first = '', second = ''] = source.slice(modules + 'node_modules/'.length).split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

const self = new Map<string, number>();
let total = 0;
for (let run = 0; run < runs; run += 1) {
  const dir = mkdtempSync(join(tmpdir(), 'profile-'));
  execFileSync(
    process.execPath,
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      '--cpu-prof-interval=100',
      '--input-type=module',
      '-e',
      `for (const f of ${JSON.stringify(files)}) await import(f);`,
    ],
    {
      env: { ...process.env, ...BUNDLE_IMPORT_ENV },
    },
  );
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(dir, file ?? ''), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    if (node === undefined) return;
    const { url, lineNumber, columnNumber, functionName } = node.callFrame;
    let key: string;
    if (url.startsWith('file:') && url.endsWith('.mjs') && url.includes('/results/bundles/')) {
      const entry = mapOf(url).findEntry(lineNumber, columnNumber);
      key = owner('originalSource' in entry ? entry.originalSource : 'bundle (unmapped)');
    } else if (url === '') key = `(${functionName || 'v8'})`;
    else key = url.startsWith('node:') && process.env.PROFILE_CORE !== '1' ? 'node: core modules' : url;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
}
console.log(`${name}: ${(total / runs).toFixed(0)} ms sampled per load of every file (mean of ${runs}), self time by owner:\n`);
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  console.log(`${(ms / runs).toFixed(1).padStart(7)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`);
}
