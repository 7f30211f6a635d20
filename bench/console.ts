/**
 * The console: bytes on the wire for the first load of /console/ (compressed, cold cache, the API's answers not
 * counted), the time until "my work" is drawn and usable under Chrome DevTools' "Fast 3G" profile (562.5 ms RTT,
 * 1.44 Mbit/s down, 675 kbit/s up), and the in-browser check of a 10,000-event timeline's hash chain (WebCrypto
 * SHA-256 over RFC 8785 canonical JSON, the console's own chain.ts). Run: npm run bench:console (needs chromium)
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { GENESIS_HASH, sealEvent } from '../functions/records/domain/hash-chain.ts';
import type { RecordedEvent } from '../functions/records/domain/recorded-event.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { launchChromium } from '../test/support/browser.ts';
import { median } from './support.ts';
import { throttledPage } from './throttled-page.ts';

const root = resolve(import.meta.dirname, '..');
const runtime = await startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root });
const RUNS = 5;
try {
  const tokenOf = async (sub: string, roles: string[]) => {
    const claims = { sub, roles, agency: 'A1', jurisdiction: '110105' };
    const response = await fetch(`${runtime.url}/_local/token`, { method: 'POST', body: JSON.stringify(claims) });
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const token = await tokenOf('off-1', ['case-officer']);
  const post = async (bearer: string, path: string, body: unknown) => {
    const response = await fetch(`${runtime.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  };
  const entity = withCheckCharacter('91110105000000001');
  await post(await tokenOf('sup-1', ['supervisor']), '/entities', {
    uscc: entity,
    name: '测试企业',
    industry: 'F52',
    region: '110105',
    address: '北京市朝阳区',
  });
  // 40 clues on the officer's list.
  for (let i = 0; i < 40; i += 1)
    await post(token, '/cases', { entity, party: { kind: 'person', name: `当事人${i}` }, summary: `线索 ${i}` });
  // The list of cases is a projection: wait until it has all 40.
  for (let tries = 0; tries < 300; tries += 1) {
    const page = (await (await fetch(`${runtime.url}/cases?limit=100`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      items: unknown[];
    };
    if (page.items.length >= 40) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const browser = await launchChromium();
  const bytes: number[] = [];
  const chartBytes: number[] = [];
  const usable: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const session = { token, sub: 'off-1', roles: ['case-officer'], agency: 'A1', jurisdiction: '110105', exp: 0 };
    await context.addInitScript((s) => localStorage.setItem('console.session', s), JSON.stringify(session));
    const { page, bytes: onTheWire } = await throttledPage(context, 'fast3g', '/console/');
    await page.goto(`${runtime.url}/console/`);
    await page.waitForSelector('#my-cases li', { timeout: 60_000 }).catch(async (e) => {
      console.error(await page.content());
      throw e;
    });
    usable.push(await page.evaluate(() => performance.getEntriesByName('my-work-usable')[0]?.startTime ?? Number.NaN));
    await page.waitForLoadState('networkidle');
    bytes.push(onTheWire());
    // The dashboard's chunk with ECharts, not part of the first load: what opening the first chart page adds.
    await page.evaluate("location.hash = '#/dashboard'");
    await page.waitForFunction("document.querySelector('#main .filters') !== null", undefined, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    chartBytes.push(onTheWire() - (bytes.at(-1) ?? 0));
    await context.close();
  }

  // A 10,000-event timeline sealed by the server's code, checked by the console's chain.ts in the page.
  const events: RecordedEvent<unknown>[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= 10_000; seq += 1) {
    const at = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
    const event = sealEvent({
      stream: 'case/bench',
      seq,
      type: 'Cases.StatementRecorded',
      version: 1,
      occurredAt: at,
      recordedAt: at,
      actor: { id: 'off-1', role: 'case-officer', agency: 'A1' },
      correlationId: `c-${seq}`,
      data: { statement: `当事人陈述第 ${seq} 条：对事实无异议，请求从轻处罚。`, on: at.slice(0, 10) },
      prevHash,
    });
    events.push(event);
    prevHash = event.hash;
  }
  const chainJs = await build({
    entryPoints: [resolve(root, 'web/console/src/chain.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'chain',
    write: false,
    minify: true,
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${runtime.url}/console/`);
  await page.addScriptTag({ content: chainJs.outputFiles[0]?.text ?? '' });
  const verify: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const { ms, ok } = await page.evaluate(async (list) => {
      const chain = (globalThis as unknown as { chain: { verifyTimeline: (e: unknown[]) => Promise<{ ok: boolean }> } }).chain;
      const started = performance.now();
      const result = await chain.verifyTimeline(list);
      return { ms: performance.now() - started, ok: result.ok };
    }, events);
    if (!ok) throw new Error('the chain did not verify');
    verify.push(ms);
  }
  await browser.close();
  console.log('| measure | result | target |');
  console.log('|---|---|---|');
  console.log(
    `| first load of /console/ (HTML, JS, CSS, the step manifest), bytes on the wire, cold cache, median of ${RUNS} | ${(median(bytes) / 1024).toFixed(1)} KB | ≤ 150 KB |`,
  );
  console.log(
    `| opening the dashboard afterwards (its chunk with ECharts: bar, line, pie, SVG), bytes on the wire, median of ${RUNS} | ${(median(chartBytes) / 1024).toFixed(1)} KB | not counted in the first load |`,
  );
  console.log(`| "my work" usable (40 clues) under Fast 3G, median of ${RUNS} | ${(median(usable) / 1000).toFixed(2)} s | ≤ 2 s |`);
  console.log(`| a 10,000-event chain verified in the browser, median of ${RUNS} | ${(median(verify) / 1000).toFixed(2)} s | ≤ 1 s |`);
} finally {
  await runtime.stop();
}
