/**
 * The inspector app on a phone: bytes transferred on the first load (compressed, cold cache) and the time until
 * the worklist is usable under a throttled mobile network (Chrome DevTools' "Slow 4G": 562.5 ms RTT, 1.4 Mbit/s down).
 * Run: npm run bench:app   (needs Debian's chromium)
 */
import { resolve } from 'node:path';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { launchChromium } from '../test/support/browser.ts';
import { importAndWait } from './import-file.ts';
import { median } from './support.ts';
import { throttledPage } from './throttled-page.ts';

const root = resolve(import.meta.dirname, '..');
const runtime = await startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root });
try {
  const token = async (sub: string, roles: string[]) =>
    (
      (await (
        await fetch(`${runtime.url}/_local/token`, {
          method: 'POST',
          body: JSON.stringify({ sub, roles, agency: 'A1', jurisdiction: '110105' }),
        })
      ).json()) as { access_token: string }
    ).access_token;
  const admin = await token('adm', ['admin', 'supervisor']);
  const call = (method: string, path: string, body: unknown, type = 'application/json') =>
    fetch(`${runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': type },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }).then((r) => r.json()) as Promise<{ id: string }>;
  const rows = Array.from({ length: 30 }, (_, i) =>
    JSON.stringify({
      uscc: withCheckCharacter(`91110105${String(i).padStart(9, '0')}`),
      name: `企业${i}`,
      industry: 'F52',
      region: '110105',
      address: '北京市朝阳区',
      creditClass: 'D',
    }),
  );
  await importAndWait(runtime.url, admin, rows.join('\n'));
  for (const id of ['i1', 'i2']) await call('POST', '/inspectors', { id, name: id, certificateNumber: id });
  await call('POST', '/inspection-items', {
    code: 'X1',
    name: '检查',
    legalBasis: '法',
    checklist: [{ id: 'q1', question: '问题', mandatory: true }],
  });
  const task = await call('POST', '/sampling-tasks', {
    name: 'bench',
    items: ['X1'],
    teams: [{ agency: 'A1', count: 2 }],
    period: { start: '2026-04-01', end: '2026-06-30' },
  });
  await call('POST', `/sampling-tasks/${task.id}/draw`, { witness: 'bench' });
  const inspectorToken = await token('i1', ['inspector']);
  for (let i = 0; i < 100; i += 1) {
    const list = (await (await fetch(`${runtime.url}/worklist`, { headers: { authorization: `Bearer ${inspectorToken}` } })).json()) as {
      items: unknown[];
    };
    if (list.items.length >= 20) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await launchChromium();
  const bytes: number[] = [];
  const usable: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await context.addInitScript((t) => localStorage.setItem('session', JSON.stringify({ token: t, sub: 'i1' })), inspectorToken);
    const { page, bytes: onTheWire } = await throttledPage(context, 'slow4g', '/inspector/');
    await page.goto(`${runtime.url}/inspector/`);
    await page.waitForSelector('a.item');
    // From the start of the navigation to the moment the app has drawn the worklist (a performance mark it sets).
    usable.push(await page.evaluate(() => performance.getEntriesByName('worklist-usable')[0]?.startTime ?? Number.NaN));
    await page.waitForLoadState('networkidle');
    bytes.push(onTheWire());
    await context.close();
  }
  await browser.close();
  console.log('| measure | result | target |');
  console.log('|---|---|---|');
  console.log(
    `| first load of /inspector/ (HTML, JS, CSS, manifest, service worker), bytes on the wire, cold cache | ${(median(bytes) / 1024).toFixed(1)} KB | < 60 KB (issue: < 150 KB) |`,
  );
  console.log(`| worklist usable (20+ items) under Slow 4G, median of 5 | ${(median(usable) / 1000).toFixed(2)} s | < 2 s |`);
} finally {
  await runtime.stop();
}
