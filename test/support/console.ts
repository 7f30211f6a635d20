import type { Browser, BrowserContext, Page } from 'playwright-core';

export const DESKTOP = { width: 1366, height: 768 };
export const TABLET = { width: 768, height: 1024 };

/**
 * People of one agency, each in their own browser context, signed in through the console's local sign-in form and
 * waiting on "my work"; `close` ends every context opened.
 */
export function consoleBrowsers(browser: () => Browser, url: () => string, agency: string, jurisdiction: string) {
  const contexts: BrowserContext[] = [];
  /** Someone of any agency or jurisdiction (an auditor of the city, say). */
  async function signedInAs(who: { sub: string; role: string; agency: string; jurisdiction: string }, viewport = DESKTOP): Promise<Page> {
    const context = await browser().newContext({ baseURL: url(), viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/console/');
    await page.locator('#signin-sub').fill(who.sub);
    await page.locator('#signin-role').selectOption(who.role);
    await page.locator('#signin-agency').fill(who.agency);
    await page.locator('#signin-jurisdiction').fill(who.jurisdiction);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的工作' }).waitFor();
    return page;
  }
  return {
    signedInAs,
    signedIn: (sub: string, role: string, viewport = DESKTOP) => signedInAs({ sub, role, agency, jurisdiction }, viewport),
    async close(): Promise<void> {
      for (const context of contexts) await context.close();
    },
  };
}
