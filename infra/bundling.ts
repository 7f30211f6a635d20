import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the CDK app (infra/constructs/context-function.ts) and the bundle
 * benchmark (bench/bundle-size.ts) build with these options, so what is measured is what is deployed.
 *
 * Minified ESM for Node 22 with source maps, split into chunks: the entry (`index.mjs`, Lambda's `index.handler`)
 * holds what every invocation needs, and what only some need (a context's HTTP routes, each rule's consumer,
 * Powertools idempotency, the S3 client, the holiday calendar) is a chunk of its own under `chunks/`, loaded by the
 * `import()` that first needs it. A rule delivery then never compiles the HTTP routes, a read never compiles
 * idempotency, and only evidence uploads compile the S3 client.
 */
export function functionBuild(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    mainFields: ['module', 'main'],
    // The AWS SDK's ESM build still calls require(); without this banner (on every chunk) the bundle crashes on import.
    banner: { js: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);" },
    // esbuild's size report would make `cdk synth --quiet` print a screen per function; errors still print.
    logLevel: 'error',
  };
}
