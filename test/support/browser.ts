import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** A phone: 390×844, touch, a mobile user agent, GPS granted. */
export function phoneContext(browser: Browser, baseURL: string, accuracy = 12): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
    locale: 'zh-CN',
    geolocation: { latitude: 39.9219, longitude: 116.4436, accuracy },
    permissions: ['geolocation'],
  });
}

/** Where the browser tests keep their screenshots (made on first use). */
export function screenshots(): string {
  const dir = resolve(process.cwd(), 'test-results/inspector');
  mkdirSync(dir, { recursive: true });
  return dir;
}
