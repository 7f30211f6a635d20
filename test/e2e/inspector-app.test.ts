import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, phoneContext, screenshots } from '../support/browser.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { seedTask } from '../support/seed.ts';

const AGENCY = 'SAMR-110105';
const person = (sub: string, roles: string[]) => ({ sub, roles, agency: AGENCY, jurisdiction: '110105' });
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(120_000, 9)]);

describe('the inspector app on a phone (headless Chromium)', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let inspector: ReturnType<typeof api>;
  let supervisor: ReturnType<typeof api>;
  let ids: string[];

  beforeAll(async () => {
    platform = await startPlatform();
    inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    ({ supervisor } = await seedTask(platform.url, {
      entities: [1, 2].map((serial) => ({ serial, overrides: { name: `第${serial}食品店` } })),
      inspectors: ['i1', 'i2'],
      legalBasis: '《食品安全法》第三十五条',
      checklist: [
        { id: 'q1', question: '是否持有有效许可证', mandatory: true },
        { id: 'q2', question: '是否建立进货查验记录', mandatory: true },
      ],
      taskName: '手机端测试任务',
      witness: 'phone test',
    }));
    ids = await eventually(async () => {
      const list = await inspector('GET', '/worklist');
      return list.json.items.length === 2 ? list.json.items.map((i: { inspectionId: string }) => i.inspectionId) : undefined;
    }, 60_000);
    browser = await launchChromium();
    context = await phoneContext(browser, platform.url);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const pending = () => page.locator('#sync').getAttribute('data-pending');
  const synced = (timeout: number) => page.waitForSelector('#sync[data-pending="0"]', { timeout });
  const shot = (name: string) => page.screenshot({ path: join(screenshots(), `${name}.png`), fullPage: true });
  async function photo(count: number) {
    await page.setInputFiles('#photo', { name: 'shop.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.waitForSelector(`#photo-count:text-is("${count}")`);
  }
  async function sign() {
    await page.locator('#signature').waitFor();
    const box = await page.locator('#signature').boundingBox();
    if (box === null) throw new Error('no signature pad');
    // A finger stroke across the pad, as pointer events (Playwright's touchscreen only taps).
    await page.locator('#signature').evaluate((canvas, b) => {
      const Pointer = (globalThis as unknown as { PointerEvent: new (type: string, init: object) => Event }).PointerEvent;
      const fire = (type: string, x: number, y: number) =>
        canvas.dispatchEvent(
          new Pointer(type, { bubbles: true, pointerId: 7, pointerType: 'touch', clientX: b.x + x, clientY: b.y + y, isPrimary: true }),
        );
      fire('pointerdown', 20, 100);
      for (let x = 20; x < b.width - 20; x += 15) fire('pointermove', x, 90 + Math.sin(x / 15) * 30);
      fire('pointerup', b.width - 20, 90);
    }, box);
    await page.click('#save-signature');
    await page.waitForSelector('#signed');
  }
  async function answer(question: string, choice: string) {
    await page.click(`[data-question="${question}"] [data-choice="${choice}"]`);
    await page.waitForSelector(`[data-question="${question}"] [data-choice="${choice}"][aria-pressed="true"]`);
  }

  it('signs in with a dev token and shows the worklist', async () => {
    await page.goto('/inspector/');
    await page.fill('#sub', 'i1');
    await shot('01-sign-in');
    await page.click('button[type=submit]');
    await page.waitForSelector('a.item');
    expect(await page.locator('a.item').count()).toBe(2);
    await shot('02-worklist');
  });

  it('completes an inspection online with a photo and a signature', async () => {
    const id = ids[0] as string;
    await page.click(`a[data-inspection="${id}"]`);
    await page.click('#start');
    await page.waitForSelector('text=已开始');
    await answer('q1', 'yes');
    await answer('q2', 'yes');
    await photo(1);
    await sign();
    await page.click('[data-choice="compliant"]');
    await page.waitForSelector('[data-choice="compliant"][aria-pressed="true"]');
    await shot('03-form-online');
    await synced(30_000);
    await page.click('#complete');
    await page.waitForSelector('#completed');
    await synced(30_000);
    const server = (await inspector('GET', `/inspections/${id}`)).json;
    expect(server).toMatchObject({
      status: 'completed',
      result: { result: 'compliant' },
      start: { channel: 'mobile-form' },
    });
    expect([...server.start.inspectors].sort()).toEqual(['i1', 'i2']);
    expect(server.start.position.accuracyM).toBe(12);
    expect(server.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['photo', 'signature']);
    expect(server.evidence.find((e: { kind: string }) => e.kind === 'photo').sha256).toBe(createHash('sha256').update(jpeg).digest('hex'));
    await shot('04-completed');
  }, 90_000);

  it('finishes an inspection offline and sends it all exactly once when the network is back', async () => {
    const id = ids[1] as string;
    await page.goto('/inspector/#/');
    await page.click(`a[data-inspection="${id}"]`);
    await page.click('#start');
    await answer('q1', 'no');
    await synced(30_000);

    await context.setOffline(true);
    await answer('q2', 'yes');
    await page.fill('#finding', '许可证已过期');
    await page.click('#add-finding');
    await page.waitForSelector('text=许可证已过期');
    await photo(1);
    await sign();
    await page.click('[data-choice="non-compliant"]');
    await page.waitForSelector('[data-choice="non-compliant"][aria-pressed="true"]');
    await page.click('#complete');
    await page.waitForSelector('#completed');
    expect(Number(await pending())).toBeGreaterThanOrEqual(6);
    expect(await page.locator('#sync').textContent()).toContain('离线');
    await shot('05-offline-queue');
    expect((await inspector('GET', `/inspections/${id}`)).json.status).toBe('in-progress');

    await context.setOffline(false);
    await synced(60_000);
    await shot('06-synced');
    const server = (await inspector('GET', `/inspections/${id}`)).json;
    expect(server.status).toBe('completed');
    expect(server.result.result).toBe('non-compliant');
    expect(Object.keys(server.answers).sort()).toEqual(['SC-1/q1', 'SC-1/q2']);
    expect(server.findings.map((f: { text: string }) => f.text)).toEqual(['许可证已过期']);
    expect(server.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['photo', 'signature']);
    const events = await eventually(async () => {
      const feed = (await supervisor('GET', '/activity?limit=100')).json.items.filter(
        (e: { stream: string }) => e.stream === `inspection/${id}`,
      );
      return feed.some((e: { type: string }) => e.type === 'Inspections.CaseClueRaised') ? feed : undefined;
    });
    const count = (type: string) => events.filter((e: { type: string }) => e.type === type).length;
    expect([count('Inspections.InspectionCompleted'), count('Inspections.EvidenceRecorded'), count('Inspections.FindingRecorded')]).toEqual(
      [1, 2, 1],
    );
  }, 120_000);

  it('speaks English on request', async () => {
    await page.goto('/inspector/#/');
    await page.click('#lang');
    await page.waitForSelector('text=My inspections');
    await shot('07-english');
  });
});
