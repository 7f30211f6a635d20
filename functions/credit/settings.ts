import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { CREDIT_CLOCK_DEFAULTS, type CreditClocks, creditClocks } from './domain/credit-clocks.ts';

export interface CreditSettings {
  clocks: CreditClocks;
}

/**
 * The credit context's settings, from the environment the topology declares with defaults; a bad value throws at
 * start-up. CREDIT_CLOCKS is a JSON object of the periods to change (`{"abnormalRemovalDecideWithin": 5}`).
 */
export function creditSettings(env: Record<string, string | undefined> = process.env): CreditSettings {
  configuredCalendar(env.OFFICIAL_CALENDAR ?? '');
  const overrides = readSetting(env, 'CREDIT_CLOCKS', creditClocks.partial(), {}, true);
  return { clocks: creditClocks.parse({ ...CREDIT_CLOCK_DEFAULTS, ...overrides }) };
}
