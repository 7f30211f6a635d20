/**
 * Minified bundle size and import time in a fresh Node 22 process, for every function of the topology.
 * The bundles are built with the same esbuild options as the CDK app (ESM, minified, createRequire banner).
 * Run: npm run bench:bundles
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type FunctionName, functions } from '../infra/topology.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const rows: string[] = [];
for (const name of Object.keys(functions) as FunctionName[]) {
  const outfile = resolve(root, 'bench/results/bundles', name, 'index.mjs');
  mkdirSync(resolve(outfile, '..'), { recursive: true });
  await build({
    entryPoints: [resolve(root, functions[name].entry)],
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
  const bytes = statSync(outfile).size;
  const gzip = gzipSync(readFileSync(outfile)).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const out = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`,
      ],
      {
        env: {
          ...process.env,
          TABLE_NAME: 't',
          IDEMPOTENCY_TABLE_NAME: 'i',
          EVENT_BUS_NAME: 'b',
          AWS_REGION: 'us-east-1',
          ROUTE_ACCESS: '{}',
        },
      },
    );
    times.push(Number(out.toString().trim()));
  }
  rows.push(
    `| ${name} | ${(bytes / 1024).toFixed(0)} KiB | ${(gzip / 1024).toFixed(0)} KiB | ${median(times).toFixed(0)} ms | ${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms |`,
  );
}
console.log(`Node ${process.versions.node}, ${runs} fresh processes per function (median, range)\n`);
console.log('| function | minified | gzip | import (median) | import (range) |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(row);
