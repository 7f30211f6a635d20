import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = createRequire(__filename).resolve('axe-core/axe.min.js');

/** axe-core on the page as it stands: the serious and critical violations, by rule and the elements they hit. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const found = await page.evaluate(async () => {
    type Violation = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.where.join(', ')}`);
}
