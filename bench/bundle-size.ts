/**
 * Minified bundle size and import time in a fresh Node 22 process, for every function of the topology, beside two
 * baselines measured in the same run (DESIGN §8): a typical handler (DynamoDB client, middy, Powertools logger, tracer
 * and metrics, zod 4 imported the usual way) and the DynamoDB client alone. The bundles are built with the same esbuild
 * options as the CDK app (ESM, minified, createRequire banner). Each import of a bundle, in a fresh process, is paired with
 * an import of the typical handler (which goes first alternates by round), and the bundle is reported as the median of
 * its ratios to those runs, so that a busy moment of this shared machine weighs on both sides of each ratio. Target: every function ≤ 0.7 × typical (aim 0.6).
 * Run: npm run bench:bundles   (BENCH_RUNS rounds, default 11; BENCH_ONLY=cases,outbox measures those functions alone)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type FunctionName, functions } from '../infra/topology.ts';
import { BUNDLE_IMPORT_ENV } from './bundle-env.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 11);
const TARGET = 0.7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const baselines = {
  'typical handler': 'bench/baselines/typical-handler.ts',
  'DynamoDB client alone': 'bench/baselines/dynamodb-client.ts',
} as const;
const entries: [string, string][] = [
  ...Object.entries(baselines),
  ...(Object.keys(functions) as FunctionName[])
    .filter((name) => (process.env.BENCH_ONLY ?? '') === '' || (process.env.BENCH_ONLY ?? '').split(',').includes(name))
    .map((name): [string, string] => [name, functions[name].entry]),
];

async function bundle(name: string, entry: string): Promise<string> {
  const outfile = resolve(root, 'bench/results/bundles', name.replaceAll(' ', '-'), 'index.mjs');
  mkdirSync(resolve(outfile, '..'), { recursive: true });
  await build({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}

/** One fresh process importing the bundle; answers the import's milliseconds. */
function importTime(outfile: string): number {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
    ],
    {
      env: { ...process.env, ...BUNDLE_IMPORT_ENV },
    },
  );
  return Number(out.toString().trim());
}

const built = await Promise.all(entries.map(async ([name, entry]) => ({ name, outfile: await bundle(name, entry) })));
const typicalBundle = built[0] as { name: string; outfile: string };
const times = new Map(built.map((b) => [b.name, [] as number[]]));
/** Per bundle, the ratio of each of its imports to a typical handler's import run right before it. */
const ratios = new Map(built.map((b) => [b.name, [] as number[]]));
for (let round = 0; round < runs; round += 1) {
  for (const b of built) {
    // Which of the pair runs first alternates by round: the second import of a pair is a little faster (files
    // already in the page cache), and a fixed order would tilt every ratio the same way.
    const typicalFirst = round % 2 === 0;
    const first = importTime(typicalFirst ? typicalBundle.outfile : b.outfile);
    const second = importTime(typicalFirst ? b.outfile : typicalBundle.outfile);
    const [typical, own] = typicalFirst ? [first, second] : [second, first];
    times.get(b.name)?.push(own);
    ratios.get(b.name)?.push(own / typical);
  }
}

const rows = built.map(({ name, outfile }) => {
  const t = times.get(name) ?? [];
  const bytes = statSync(outfile).size;
  const gzip = gzipSync(readFileSync(outfile)).length;
  const ratio = median(ratios.get(name) ?? []);
  const verdict = name in baselines ? 'baseline' : ratio <= TARGET ? 'within' : 'over';
  return `| ${name} | ${(bytes / 1024).toFixed(0)} KiB | ${(gzip / 1024).toFixed(0)} KiB | ${median(t).toFixed(0)} ms | ${Math.min(...t).toFixed(0)}–${Math.max(...t).toFixed(0)} ms | ${ratio.toFixed(2)} | ${verdict} |`;
});
console.log(
  `Node ${process.versions.node}, ${runs} rounds; in each, every bundle is imported in a fresh process paired with an import of the typical handler (alternating which goes first), and its ratio is to that run (median of the ratios)\n`,
);
console.log(`| bundle | minified | gzip | import (median) | import (range) | × typical | ≤ ${TARGET} |`);
console.log('|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
