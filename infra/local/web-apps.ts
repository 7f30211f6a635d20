import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  '.json': 'application/json',
};

/** The web apps: each a folder under web/ with its shell, bundled entries, and the path it is served under. */
export const WEB_APPS = [
  {
    name: 'inspector',
    shell: ['index.html', 'app.css', 'manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'],
    bundles: { 'app.js': 'src/main.ts', 'sw.js': 'src/sw.ts' },
  },
  { name: 'disclosure', shell: ['index.html', 'app.css'], bundles: { 'app.js': 'src/main.ts' } },
  // The console's pages load as chunks of their own (dist/chunks/), the charts only where they are drawn.
  { name: 'console', shell: ['index.html', 'app.css'], bundles: { 'app.js': 'src/main.tsx' }, split: true },
] as const;
type WebAppSpec = (typeof WEB_APPS)[number];
const isSplit = (webApp: WebAppSpec) => 'split' in webApp && webApp.split;

/**
 * Builds each web app into web/<app>/dist: the shell files and the esbuild bundles, the whole site as the local
 * runtime serves it and as CDK deploys it to S3 behind CloudFront. Returns the inspector app's folder.
 */
export async function buildWebApps(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const common = { bundle: true, minify: true, target: 'es2020', logLevel: 'error' as const, legalComments: 'none' as const };
  for (const webApp of WEB_APPS) {
    const dir = resolve(root, 'web', webApp.name);
    const out = join(dir, 'dist');
    mkdirSync(out, { recursive: true });
    if (isSplit(webApp)) {
      rmSync(join(out, 'chunks'), { recursive: true, force: true });
      await build({
        ...common,
        entryPoints: Object.fromEntries(
          Object.entries(webApp.bundles).map(([file, entry]) => [file.replace(/\.js$/, ''), join(dir, entry)]),
        ),
        outdir: out,
        splitting: true,
        format: 'esm',
        chunkNames: 'chunks/[name]-[hash]',
        jsx: 'automatic',
        jsxImportSource: 'preact',
      });
      const { consoleManifest } = await import('./console-manifest.ts');
      writeFileSync(join(out, 'case-steps.json'), JSON.stringify(consoleManifest()));
    } else {
      for (const [file, entry] of Object.entries(webApp.bundles)) {
        await build({ ...common, entryPoints: [join(dir, entry)], outfile: join(out, file), format: file === 'sw.js' ? 'iife' : 'esm' });
      }
    }
    for (const file of webApp.shell) copyFileSync(join(dir, file), join(out, file));
    // The stylesheet and the bundle go inline: on a slow network every extra request costs a round trip or a
    // connection before the first screen can show.
    const html = readFileSync(join(dir, 'index.html'), 'utf8')
      .replace('<link rel="stylesheet" href="app.css">', () => `<style>${readFileSync(join(dir, 'app.css'), 'utf8')}</style>`)
      .replace(
        '<script type="module" src="app.js"></script>',
        () => `<script type="module">${readFileSync(join(out, 'app.js'), 'utf8')}</script>`,
      );
    writeFileSync(join(out, 'index.html'), html);
  }
  return resolve(root, 'web/inspector/dist');
}

/**
 * Serves /inspector/, /disclosure/ and /console/: the shell from web/<app>, the bundles from its dist/ (the console's
 * chunks and its step manifest too), gzip when the client takes it.
 */
export function serveWebApp(request: IncomingMessage, response: ServerResponse, root: string, path: string): boolean {
  const webApp = WEB_APPS.find((a) => path === `/${a.name}` || path.startsWith(`/${a.name}/`));
  if (webApp === undefined) return false;
  if (path === `/${webApp.name}`) {
    response.writeHead(301, { location: `/${webApp.name}/` });
    response.end();
    return true;
  }
  const dir = resolve(root, 'web', webApp.name);
  const name = path.slice(`/${webApp.name}/`.length) || 'index.html';
  // The shell's index.html as built (stylesheet and script inline), the one CDK deploys; the other shell files as they are.
  const built =
    name === 'index.html' ||
    Object.keys(webApp.bundles).includes(name) ||
    (isSplit(webApp) && /^(chunks\/)?[\w.-]+\.(js|json)$/.test(name));
  const file = built ? join(dir, 'dist', name) : (webApp.shell as readonly string[]).includes(name) ? join(dir, name) : undefined;
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
