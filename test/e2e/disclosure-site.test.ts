import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, phoneContext, screenshots } from '../support/browser.ts';
import { entityInput, usccFor } from '../support/directory-fixtures.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

const AGENCY = 'SAMR-110105';
const person = (sub: string, roles: string[]) => ({ sub, roles, agency: AGENCY, jurisdiction: '110105' });

describe('the public disclosure site on a phone (headless Chromium)', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const supervisor = api(platform.url, await tokenFor(platform.url, person('sup-1', ['supervisor'])));
    const officer = api(platform.url, await tokenFor(platform.url, person('off-1', ['case-officer'])));
    const admin = api(platform.url, await tokenFor(platform.url, person('adm-1', ['admin'])));
    // The agency names itself once; the public reads names, not codes.
    expect((await admin('POST', '/agencies', { name: '北京市朝阳区市场监督管理局', region: '110105' })).status).toBe(201);
    expect((await admin('POST', '/agencies', { name: '又一次', region: '110105' })).status).toBe(409);
    await supervisor('POST', '/entities', entityInput(1, { name: '某某便利店', creditClass: 'D' }));
    for (const id of ['i1', 'i2']) await supervisor('POST', '/inspectors', { id, name: id, certificateNumber: id });
    await admin('POST', '/inspection-items', {
      code: 'SC-1',
      name: '食品经营检查',
      legalBasis: '《食品安全法》',
      checklist: [{ id: 'q1', question: '许可证?', mandatory: true }],
    });
    const task = await supervisor('POST', '/sampling-tasks', {
      name: '2026年第四季度食品经营双随机抽查',
      items: ['SC-1'],
      teams: [{ agency: AGENCY, count: 2 }],
      period: { start: '2026-10-01', end: '2026-12-31' },
    });
    expect(task.json).toMatchObject({ commitment: expect.any(String) });
    taskId = task.json.id;
    expect((await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: '公证员 王五' })).status).toBe(200);
    const opened = await officer('POST', '/cases', {
      entity: usccFor(1),
      party: { kind: 'person', name: '李大明' },
      summary: '当事人李大明（手机13812345678）销售超过保质期的食品',
    });
    caseId = opened.json.caseId;
    await supervisor('POST', `/cases/${caseId}/register`, {});
    await officer('POST', `/cases/${caseId}/investigate`, {});
    await officer('POST', `/cases/${caseId}/notify`, {
      proposed: { types: ['fine'], fine: 5_000, violationCode: 'FOOD-35', level: 'lighter' },
    });
    await supervisor('POST', `/cases/${caseId}/decide`, { documentNumber: '京朝市监处罚〔2026〕128号' });
    await eventually(async () => ((await fetch(`${platform.url}/public/decisions/${caseId}`)).status === 200 ? true : undefined));
    browser = await launchChromium();
    page = await (await phoneContext(browser, platform.url)).newPage();
  }, 120_000);
  let taskId: string;
  afterAll(async () => {
    await browser?.close();
    await platform.stop();
  });

  it('lists the published decision with the party’s name masked, and opens it', async () => {
    await page.goto('/disclosure/');
    const card = page.locator(`[data-case="${caseId}"]`);
    await card.waitFor();
    expect(await card.textContent()).toContain('李**');
    expect(await card.textContent()).toContain('罚款');
    expect(await card.textContent()).toContain('¥5,000');
    expect(await page.getByRole('button', { name: '加载更多' }).isVisible()).toBe(false); // one page: nothing more
    await page.screenshot({ path: join(screenshots(), 'disclosure-decisions.png'), fullPage: true });
    await card.click();
    await page.getByText('行政处罚决定 · 李**').waitFor();
    const body = await page.locator('main').textContent();
    expect(body).toContain('138****5678');
    expect(body).not.toContain('李大明');
    expect(body).not.toContain('13812345678');
    // Names, not codes: the agency, the violation (from the discretion table) and the decision's document number.
    expect(body).toContain('北京市朝阳区市场监督管理局');
    expect(body).not.toContain(AGENCY);
    expect(body).toContain('未取得食品经营许可从事食品经营活动');
    expect(body).toContain('京朝市监处罚〔2026〕128号');
    await page.screenshot({ path: join(screenshots(), 'disclosure-decision.png'), fullPage: true });
  });

  it('shows the sampling plans, and says plainly when something is not (or no longer) published', async () => {
    await page.getByRole('link', { name: '双随机抽查' }).click();
    await page.getByText('2026年第四季度食品经营双随机抽查').waitFor();
    expect(await page.locator('#tab-sampling').getAttribute('aria-current')).toBe('page');
    // The list shows what was drawn, from the list route's own counts (the site and the route share one schema).
    const published = (await (await fetch(`${platform.url}/public/sampling-tasks/${taskId}`)).json()) as { selected: string[] };
    expect(published.selected.length).toBeGreaterThanOrEqual(1);
    const card = page.locator(`[data-task="${taskId}"]`);
    expect(await card.locator('.drawn').textContent()).toBe(`抽取 ${published.selected.length} 户`);
    expect(await card.locator('.published').textContent()).toBe('已公示结果 0 户');
    expect(await card.textContent()).toContain('北京市朝阳区市场监督管理局');
    await page.screenshot({ path: join(screenshots(), 'disclosure-sampling.png'), fullPage: true });
    await card.click();
    await page.locator('#sample').waitFor();
    for (const uscc of published.selected) await page.locator(`[data-selected="${uscc}"]`).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/抽取时间.*北京时间/);
    expect(await page.locator('main').textContent()).toContain('食品经营检查（SC-1）');
    expect(await page.locator('main').textContent()).toContain('牵头部门北京市朝阳区市场监督管理局');
    await page.screenshot({ path: join(screenshots(), 'disclosure-task.png'), fullPage: true });
    await page.goto('/disclosure/#/decisions/case-does-not-exist');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('已撤回或已超过公示期限');
  });
});
