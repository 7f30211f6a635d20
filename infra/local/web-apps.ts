import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const SHELL = ['index.html', 'app.css', 'manifest.webmanifest'];

/**
 * Builds the inspector app into web/inspector/dist: the shell files and the esbuild bundles, the whole site as
 * the local runtime serves it and as CDK deploys it to S3 behind CloudFront.
 */
export async function buildWebApps(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const dir = resolve(root, 'web/inspector');
  const out = join(dir, 'dist');
  mkdirSync(out, { recursive: true });
  const common = { bundle: true, minify: true, target: 'es2020', logLevel: 'error' as const, legalComments: 'none' as const };
  await build({ ...common, entryPoints: [join(dir, 'src/main.ts')], outfile: join(out, 'app.js'), format: 'esm' });
  await build({ ...common, entryPoints: [join(dir, 'src/sw.ts')], outfile: join(out, 'sw.js'), format: 'iife' });
  for (const file of SHELL) copyFileSync(join(dir, file), join(out, file));
  // The stylesheet and the bundle go inline: on a slow network every extra request costs a round trip or a
  // connection before the worklist can show.
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
    .replace('<link rel="stylesheet" href="app.css">', () => `<style>${readFileSync(join(dir, 'app.css'), 'utf8')}</style>`)
    .replace(
      '<script type="module" src="app.js"></script>',
      () => `<script type="module">${readFileSync(join(out, 'app.js'), 'utf8')}</script>`,
    );
  writeFileSync(join(out, 'index.html'), html);
  return out;
}

/** Serves /inspector/: the shell from web/inspector, the bundles from its dist/, gzip when the client takes it. */
export function serveWebApp(request: IncomingMessage, response: ServerResponse, root: string, path: string): boolean {
  if (path === '/inspector') {
    response.writeHead(301, { location: '/inspector/' });
    response.end();
    return true;
  }
  if (!path.startsWith('/inspector/')) return false;
  const dir = resolve(root, 'web/inspector');
  const name = path.slice('/inspector/'.length) || 'index.html';
  const file = ['app.js', 'sw.js'].includes(name)
    ? join(dir, 'dist', name)
    : ['index.html', 'app.css', 'manifest.webmanifest'].includes(name)
      ? join(dir, name)
      : undefined;
  if (file === undefined || !existsSync(file)) {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('Not Found');
    return true;
  }
  let body = readFileSync(file);
  const headers: Record<string, string> = {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    vary: 'accept-encoding',
  };
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body, { level: 9 });
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
