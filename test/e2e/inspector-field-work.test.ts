import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, phoneContext, screenshots } from '../support/browser.ts';
import { refoldCheck } from '../support/refold.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { person, seedTask } from '../support/seed.ts';

/** A real photo (drawn by Chromium in beforeAll), so that both phones' thumbnails show a picture. */
let jpeg: Buffer;

/**
 * Field work is never lost (issue 11, points 1 to 6), each point done in a phone-sized Chromium as an inspector
 * would: the session expiring while offline, the result's explanation typed after the tap, a teammate's phone,
 * an inspection never opened before going offline, a poor GPS fix, and a step the server refuses.
 */
describe('the inspector app keeps field work (headless Chromium, 390×844)', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let inspector: ReturnType<typeof api>;
  let ids: string[];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    platform = await startPlatform();
    inspector = api(platform.url, await tokenFor(platform.url, person('i1', ['inspector'])));
    await seedTask(platform.url, {
      entities: [11, 12, 13, 14].map((serial) => ({ serial, overrides: { name: `第${serial}号商店` } })),
      inspectors: ['i1', 'i2'],
      checklist: [{ id: 'q1', question: '是否持有有效许可证', mandatory: true }],
      taskName: '现场工作不丢失',
      witness: 'field work',
    });
    // A team member with a name in the directory, which the app shows instead of the id.
    const supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    expect((await supervisor('PATCH', '/inspectors/i2', { expectedVersion: 1, name: '王芳' })).status).toBe(200);
    ids = await eventually(async () => {
      const list = await inspector('GET', '/worklist');
      return list.json.items.length === 4 ? list.json.items.map((i: { inspectionId: string }) => i.inspectionId) : undefined;
    }, 60_000);
    browser = await launchChromium();
    const painter = await browser.newPage();
    const dataUrl = await painter.evaluate(() => {
      type Canvas = { width: number; height: number; getContext(kind: '2d'): Paint; toDataURL(type: string, q: number): string };
      type Paint = { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
      const doc = (globalThis as unknown as { document: { createElement(tag: 'canvas'): Canvas } }).document;
      const canvas = doc.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      const g = canvas.getContext('2d');
      g.fillStyle = '#3a6ea5';
      g.fillRect(0, 0, 320, 240);
      g.fillStyle = '#f4d35e';
      g.fillRect(40, 60, 240, 120);
      return canvas.toDataURL('image/jpeg', 0.8);
    });
    await painter.close();
    jpeg = Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function phone(sub: string, accuracy = 12): Promise<Page> {
    const context = await phoneContext(browser, platform.url, accuracy);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/inspector/');
    await signIn(page, sub);
    await page.waitForSelector('a.item');
    return page;
  }
  async function signIn(page: Page, sub: string) {
    await page.fill('#sub', sub);
    await page.click('button[type=submit]');
  }
  const synced = (page: Page, timeout = 60_000) => page.waitForSelector('#sync[data-state="synced"]', { timeout });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(screenshots(), `${name}.png`), fullPage: true });
  const open = async (page: Page, id: string) => {
    await page.goto('/inspector/#/');
    await page.click(`a[data-inspection="${id}"]`);
    // The inspection's page is drawn (from the server or this phone's copy) before anything else is done.
    await page.waitForSelector('[data-question="q1"]');
  };
  const events = async (id: string) => {
    const supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    const feed = (await supervisor('GET', '/activity?limit=100')).json.items as { stream: string; type: string }[];
    return feed.filter((e) => e.stream === `inspection/${id}`).map((e) => e.type);
  };

  it('keeps offline work through an expired session and sends it once after signing in again', async () => {
    const page = await phone('i1');
    const id = ids[0] as string;
    await open(page, id);
    await page.context().setOffline(true);
    await page.click('#start');
    await page.waitForSelector('#started');
    await page.click('[data-question="q1"] [data-choice="yes"]');
    await page.waitForSelector('[data-question="q1"] [data-choice="yes"][aria-pressed="true"]');
    expect(await page.locator('#sync').getAttribute('data-pending')).toBe('2');
    // The ID token expires while the phone is offline (they last an hour on AWS): the gateway will answer 401.
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('session') ?? '{}');
      localStorage.setItem('session', JSON.stringify({ ...session, token: `${session.token}expired` }));
    });
    await page.context().setOffline(false);
    await page.waitForSelector('#sync[data-state="signed-out"]', { timeout: 60_000 });
    expect(await page.locator('#sync').textContent()).toContain('登录已过期');
    expect(await page.locator('#sync').getAttribute('data-pending')).toBe('2');
    expect(await page.locator('#dismiss').count()).toBe(0);
    await shot(page, 'field-01-session-expired');
    expect((await inspector('GET', `/inspections/${id}`)).json.status).toBe('assigned');

    await page.click('#sign-in-again');
    await page.waitForSelector('#queued-note');
    await signIn(page, 'i1');
    await synced(page);
    const server = (await inspector('GET', `/inspections/${id}`)).json;
    expect(server.status).toBe('in-progress');
    expect(server.answers['SC-1/q1'].answer).toBe('yes');
    // The activity feed is filled through the bus, a moment after the write: wait until both steps are there.
    const types = await eventually(async () => {
      const found = await events(id);
      return found.includes('Inspections.InspectionStarted') && found.includes('Inspections.AnswersRecorded') ? found : undefined;
    }, 60_000);
    expect(types.filter((t) => t === 'Inspections.InspectionStarted')).toHaveLength(1);
    expect(types.filter((t) => t === 'Inspections.AnswersRecorded')).toHaveLength(1);
  }, 120_000);

  it('sends the result explanation typed after the tap, and a teammate sees findings, photos, signature and summary', async () => {
    const page = await phone('i1');
    const id = ids[1] as string;
    await open(page, id);
    await page.click('#start');
    await page.click('[data-question="q1"] [data-choice="no"]');
    await page.waitForSelector('[data-question="q1"] [data-choice="no"][aria-pressed="true"]');
    await page.fill('#finding', '许可证已过期');
    await page.click('#add-finding');
    await page.waitForSelector('.finding:text("许可证已过期")');
    await page.setInputFiles('#photo', { name: 'shop.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.waitForSelector('#photo-count:text-is("1")');
    await page.waitForSelector('#thumbnails img');
    // An empty pad is said, not silently ignored.
    await page.click('#save-signature');
    expect(await page.locator('#signature-note').textContent()).toContain('请先在框内签名');
    await page.locator('#signature').evaluate((canvas) => {
      const PointerEvent = (globalThis as unknown as { PointerEvent: new (type: string, init: object) => Event }).PointerEvent;
      const r = canvas.getBoundingClientRect();
      const fire = (type: string, x: number) =>
        canvas.dispatchEvent(
          new PointerEvent(type, { bubbles: true, pointerId: 3, clientX: r.x + x, clientY: r.y + 60 + (x % 30), isPrimary: true }),
        );
      fire('pointerdown', 20);
      for (let x = 20; x < r.width - 20; x += 12) fire('pointermove', x);
      fire('pointerup', r.width - 20);
    });
    await page.click('#save-signature');
    await page.waitForSelector('#signed');
    await page.click('[data-choice="non-compliant"]');
    await page.waitForSelector('[data-choice="non-compliant"][aria-pressed="true"]');
    // Typed after the tap: the explanation survives the redraws and goes with the result.
    await page.fill('#summary', '经营许可证已于2026年3月过期，现场责令改正');
    await page.click('[data-question="q1"] [data-choice="no"]');
    expect(await page.inputValue('#summary')).toBe('经营许可证已于2026年3月过期，现场责令改正');
    await page.click('#complete');
    await page.waitForSelector('#completed');
    await synced(page);
    const server = (await inspector('GET', `/inspections/${id}`)).json;
    expect(server.result).toMatchObject({ result: 'non-compliant', summary: '经营许可证已于2026年3月过期，现场责令改正' });
    // …and so does the case clue the non-compliant result opened.
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const clue = await eventually(async () => {
      const cases = (await officer('GET', `/cases?entity=${server.entity.uscc}`)).json.items as { summary: string }[] | undefined;
      return cases?.[0];
    }, 60_000);
    expect(clue.summary).toContain('经营许可证已于2026年3月过期，现场责令改正');

    const teammate = await phone('i2');
    await open(teammate, id);
    await teammate.waitForSelector('#completed');
    await teammate.waitForSelector('.finding:text("许可证已过期")');
    expect(await teammate.locator('#photo-count').textContent()).toBe('1');
    expect(await teammate.locator('#thumbnails figure').count()).toBe(1);
    await teammate.waitForSelector('#signed');
    // The photo and the signature taken on the other phone show as pictures: fetched through their short-lived links,
    // checked against the SHA-256 recorded at upload (a mismatch shows no picture), and kept for offline use.
    await teammate.waitForSelector('#thumbnails img');
    await teammate.waitForSelector('#server-signature img');
    await teammate.context().setOffline(true);
    await teammate.click('a[href="#/"]');
    await teammate.click(`a[data-inspection="${id}"]`);
    await teammate.waitForSelector('#thumbnails img');
    await teammate.waitForSelector('#server-signature img');
    await teammate.context().setOffline(false);
    expect(await teammate.inputValue('#summary')).toBe('经营许可证已于2026年3月过期，现场责令改正');
    // A completed inspection takes no more photos or signatures.
    expect(await teammate.locator('#photo').count()).toBe(0);
    expect(await teammate.locator('#signature').count()).toBe(0);
    await shot(teammate, 'field-02-teammate');
  }, 120_000);

  it('opens offline an inspection the worklist returned but that was never opened', async () => {
    const page = await phone('i2');
    const id = ids[2] as string;
    // The worklist's inspections are fetched in the background once it is shown online.
    await eventually(
      async () =>
        (await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('/inspections/')).length)) >= 4
          ? true
          : undefined,
      30_000,
    );
    // …and the team members' directory records, for their names: wait until the phone holds i2's.
    const cached = (key: string) =>
      page.evaluate(
        (k) =>
          new Promise<boolean>((resolve) => {
            type Request<T> = { onsuccess: () => void; result: T };
            type Db = { transaction(s: string, m: string): { objectStore(n: string): { get(k: string): Request<unknown> } } };
            const idb = (globalThis as unknown as { indexedDB: { open(n: string, v: number): Request<Db> } }).indexedDB;
            const open = idb.open('inspector', 1);
            open.onsuccess = () => {
              const get = open.result.transaction('cache', 'readonly').objectStore('cache').get(k);
              get.onsuccess = () => resolve(get.result !== undefined);
            };
          }),
        key,
      );
    await eventually(async () => ((await cached('/inspectors/i2')) ? true : undefined), 30_000);
    await page.context().setOffline(true);
    await page.click(`a[data-inspection="${id}"]`);
    await page.waitForSelector('#start');
    // Team members by name (from the directory, kept for offline use), with the id beside it.
    expect(await page.locator('#team').textContent()).toContain('王芳（i2）');
    expect(await page.locator('[data-member="i2"]').textContent()).toContain('王芳');
    expect(await page.locator('#unavailable').count()).toBe(0);
    await page.goto('/inspector/#/inspections/not-on-this-phone');
    await page.waitForSelector('#unavailable');
    expect(await page.locator('#unavailable').textContent()).toContain('离线');
    await shot(page, 'field-03-offline-not-downloaded');
    await page.context().setOffline(false);
  }, 90_000);

  it('shows the start time, the position and a poor fix until acknowledged, and records the flag', async () => {
    const page = await phone('i1', 180);
    const id = ids[3] as string;
    await open(page, id);
    await page.click('#start');
    await page.waitForSelector('#gps-warning');
    expect(await page.locator('#position').textContent()).toContain('±180');
    expect(await page.locator('#started-at').textContent()).toMatch(/开始于 .*\d{1,2}:\d{2}/);
    await synced(page);
    await page.reload();
    await page.waitForSelector('#gps-warning');
    await shot(page, 'field-04-poor-fix');
    await page.click('#gps-ack');
    await page.waitForSelector('#gps-acknowledged');
    const server = (await inspector('GET', `/inspections/${id}`)).json;
    expect(server.start.position).toMatchObject({ accuracyM: 180, poorFix: true });
  }, 90_000);

  it('says in words, in the user’s language, why a step was refused, and discards it only when confirmed', async () => {
    const page = await phone('i1');
    const id = ids[0] as string; // started in the first test
    await open(page, id);
    await page.waitForSelector('#started');
    await page.context().setOffline(true);
    await page.fill('#finding', '晚到的问题');
    await page.click('#add-finding');
    await page.waitForSelector('.finding:text("晚到的问题")');
    // Meanwhile a teammate completes the inspection from another phone.
    const teammate = api(platform.url, await tokenFor(platform.url, person('i2', ['inspector'])));
    const at = new Date().toISOString();
    for (const [step, body] of [
      ['result', { at, result: 'compliant', summary: '' }],
      ['complete', { at }],
    ] as const) {
      const answer = await teammate('POST', `/inspections/${id}/${step}`, body, { 'idempotency-key': `${step}-${id}` });
      expect(answer.status).toBe(200);
    }
    await page.context().setOffline(false);
    await page.waitForSelector('#sync[data-state="refused"]', { timeout: 60_000 });
    const zh = (await page.locator('#refusal').textContent()) ?? '';
    expect(zh).toContain('记录问题');
    expect(zh).toContain('冲突');
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    await page.click('#lang');
    await page.waitForSelector('#refusal:has-text("Could not send")');
    await page.click('#lang');
    await page.waitForSelector('#refusal:has-text("未能发送")');
    await page.click('#dismiss');
    await page.waitForSelector('#confirm-discard');
    await shot(page, 'field-05-refused');
    expect(await page.locator('#sync').getAttribute('data-pending')).toBe('1');
    await page.click('#keep');
    await page.waitForSelector('#dismiss');
    expect(await page.locator('#sync').getAttribute('data-pending')).toBe('1');
    await page.click('#dismiss');
    await page.click('#discard');
    await synced(page);
    await page.waitForSelector('#completed');
    // The page was already showing the teammate's completion (the language switch redrew it): wait for the redraw
    // that the discard starts, which drops the discarded finding, rather than reading the page before it lands.
    await page.waitForSelector('.finding:text("晚到的问题")', { state: 'detached', timeout: 30_000 });
    expect(await page.locator('.finding:text("晚到的问题")').count()).toBe(0);
  }, 90_000);

  it('leaves every head the fold of its stream’s events (npm run rebuild-heads -- --check)', async () => {
    const report = await refoldCheck(platform);
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(report.checked).toBeGreaterThan(0);
  });
});
