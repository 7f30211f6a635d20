import type { BrowserContext, Page } from 'playwright-core';

/** Chrome DevTools' network profiles, as the web app benchmarks throttle to them. */
export const NETWORK_PROFILES = {
  slow4g: { latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 },
  fast3g: { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 },
} as const;

/**
 * A page of `context` behind a throttled network, counting the bytes on the wire (compressed, headers included) of
 * the responses whose URL contains `counted` (the app's own files, not the API's answers).
 */
export async function throttledPage(
  context: BrowserContext,
  profile: keyof typeof NETWORK_PROFILES,
  counted: string,
): Promise<{ page: Page; bytes: () => number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK_PROFILES[profile] });
  let total = 0;
  const urls = new Map<string, string>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if ((urls.get(e.requestId) ?? '').includes(counted)) total += e.encodedDataLength;
  });
  return { page, bytes: () => total };
}
