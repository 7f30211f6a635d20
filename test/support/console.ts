import type { Browser, BrowserContext, Page } from 'playwright-core';

export const DESKTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };

/**
 * People of one agency, each in their own browser context, signed in through the console's local sign-in form and
 * waiting on "my work"; `close` ends every context opened.
 */
export function consoleBrowsers(browser: () => Browser, url: () => string, agency: string, jurisdiction: string) {
  const contexts: BrowserContext[] = [];
  return {
    async signedIn(sub: string, role: string, viewport = DESKTOP): Promise<Page> {
      const context = await browser().newContext({ baseURL: url(), viewport, locale: 'zh-CN' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto('/console/');
      await page.locator('#signin-sub').fill(sub);
      await page.locator('#signin-role').selectOption(role);
      await page.locator('#signin-agency').fill(agency);
      await page.locator('#signin-jurisdiction').fill(jurisdiction);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: '我的工作' }).waitFor();
      return page;
    },
    async close(): Promise<void> {
      for (const context of contexts) await context.close();
    },
  };
}
