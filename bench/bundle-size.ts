/**
 * Minified bundle size and cold start in a fresh Node 22 process, for every function of the topology, beside two
 * baselines measured in the same run (DESIGN §8): a typical handler (DynamoDB client, middy, Powertools logger, tracer
 * and metrics, zod 4 imported the usual way) and the DynamoDB client alone. Everything is built with the CDK app's own
 * esbuild options (infra/bundling.ts: ESM, minified, split into chunks loaded on first use).
 *
 * Two figures per function, each the median of its ratios to a typical handler measured in the same way right beside
 * it (which of the pair goes first alternates by round, so a busy moment of this shared machine weighs on both sides):
 * - import: Lambda's init, the entry module's import;
 * - first request: the import plus the first invocation with a request that does no I/O (an HTTP request without a
 *   token, which loads the routes' chunk, the middleware chain and the authorizer check, and answers 401; the typical
 *   handler's is a request its schema refuses). Code loaded on first use is counted here, so splitting the bundle
 *   cannot hide it.
 * Target: every function ≤ 0.7 × typical on both (aim 0.6).
 * Run: npm run bench:bundles   (BENCH_RUNS rounds, default 11; BENCH_ONLY=cases,outbox measures those functions alone)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { functionBuild } from '../infra/bundling.ts';
import { type FunctionName, functions, routeAccess, routeKey, routes } from '../infra/topology.ts';
import { BUNDLE_IMPORT_ENV } from './bundle-env.ts';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 11);
const TARGET = 0.7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * A first request that does no I/O, per kind of handler: for an HTTP function, its first guarded route in the
 * topology without a token (the routes' chunk loads, the request goes through the middleware chain to the access check: 401).
 */
function httpProbe(fn: FunctionName) {
  const guarded = routes.filter((r) => r.fn === fn && !('public' in r.access));
  const route = guarded.find((r) => r.method === 'GET') ?? guarded[0];
  if (route === undefined) return undefined;
  const path = route.path.replaceAll(/\{[^}]+\}/g, 'x');
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: route.method, path }, requestId: 'bench', routeKey: routeKey(route) },
    isBase64Encoded: false,
  };
}
const probes: Record<string, unknown> = {
  ...Object.fromEntries((Object.keys(functions) as FunctionName[]).filter((f) => f !== 'health').map((f) => [f, httpProbe(f)])),
  'typical handler': { pathParameters: {} },
  outbox: { Records: [] },
};
const isFunction = (name: string): name is FunctionName => name in functions;
const routeAccessOf = (name: string) => JSON.stringify(isFunction(name) ? routeAccess(name) : {});

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
  const outdir = resolve(root, 'bench/results/bundles', name.replaceAll(' ', '-'));
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build(functionBuild(resolve(root, entry), outdir));
  return outdir;
}

/** Every .mjs file of a bundle (the entry and its chunks). */
const jsFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => join(dir, f));

/** One fresh process importing the bundle, then invoking it with the probe if one is given; answers both times in ms. */
function coldStart(outdir: string, probe: unknown, access: string): { init: number; first: number } {
  const entry = JSON.stringify(join(outdir, 'index.mjs'));
  const invoke =
    probe === undefined
      ? ''
      : `try { await m.handler(${JSON.stringify(probe)}, { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 30000 }); } catch {}`;
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); const m = await import(${entry}); const i = performance.now() - t; ${invoke} console.log(JSON.stringify({ init: i, first: performance.now() - t }));`,
    ],
    {
      env: { ...process.env, ...BUNDLE_IMPORT_ENV, ROUTE_ACCESS: access, POWERTOOLS_LOG_LEVEL: 'SILENT' },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return JSON.parse(out.toString().trim().split('\n').at(-1) ?? '{}');
}

const built = await Promise.all(entries.map(async ([name, entry]) => ({ name, outdir: await bundle(name, entry) })));
const typicalBundle = built[0] as { name: string; outdir: string };
const times = new Map(built.map((b) => [b.name, { init: [] as number[], first: [] as number[] }]));
/** Per bundle, the ratios of each of its cold starts to a typical handler's run right beside it. */
const ratios = new Map(built.map((b) => [b.name, { init: [] as number[], first: [] as number[] }]));
for (let round = 0; round < runs; round += 1) {
  for (const b of built) {
    // Which of the pair runs first alternates by round: the second of a pair is a little faster (files already in the
    // page cache), and a fixed order would tilt every ratio the same way.
    const typicalFirst = round % 2 === 0;
    const run = (x: { name: string; outdir: string }) => coldStart(x.outdir, probes[x.name], routeAccessOf(x.name));
    const first = run(typicalFirst ? typicalBundle : b);
    const second = run(typicalFirst ? b : typicalBundle);
    const [typical, own] = typicalFirst ? [first, second] : [second, first];
    const t = times.get(b.name);
    const r = ratios.get(b.name);
    t?.init.push(own.init);
    t?.first.push(own.first);
    r?.init.push(own.init / typical.init);
    r?.first.push(own.first / typical.first);
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const rows = built.map(({ name, outdir }) => {
  const t = times.get(name) ?? { init: [], first: [] };
  const r = ratios.get(name) ?? { init: [], first: [] };
  const files = jsFiles(outdir);
  const total = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const entrySize = statSync(join(outdir, 'index.mjs')).size;
  const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
  const probed = probes[name] !== undefined;
  const initRatio = median(r.init);
  const firstRatio = probed ? median(r.first) : initRatio;
  const worst = Math.max(initRatio, firstRatio);
  const verdict = name in baselines ? 'baseline' : worst <= TARGET ? 'within' : 'over';
  const first = probed ? `${median(t.first).toFixed(0)} ms | ${firstRatio.toFixed(2)}` : '(every request does I/O) | –';
  return `| ${name} | ${kib(entrySize)} | ${kib(total)} (${files.length}) | ${kib(gzip)} | ${median(t.init).toFixed(0)} ms | ${initRatio.toFixed(2)} | ${first} | ${verdict} |`;
});
console.log(
  `Node ${process.versions.node}, ${runs} rounds; in each, every bundle's cold start in a fresh process is paired with the typical handler's (alternating which goes first); ratios are medians of those pairs\n`,
);
console.log(`| bundle | entry | all files (count) | gzip | import | × typical | first request | × typical | ≤ ${TARGET} |`);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
