import * as z from 'zod';
import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { CREDIT_CLOCK_DEFAULTS, type CreditClocks, creditClocks } from './domain/credit-clocks.ts';
import type { ProfileOptions } from './domain/profile.ts';

export interface CreditSettings {
  clocks: CreditClocks;
  /** How the profile counts (CREDIT_OBJECTION_SUSPENDS: whether a factor under objection counts; default it does). */
  profile: ProfileOptions;
}

/**
 * The credit context's settings, from the environment the topology declares with defaults; a bad value throws at
 * start-up. CREDIT_CLOCKS is a JSON object of the periods to change (`{"abnormalRemovalDecideWithin": 5}`).
 */
export function creditSettings(env: Record<string, string | undefined> = process.env): CreditSettings {
  configuredCalendar(env.OFFICIAL_CALENDAR ?? '');
  const overrides = readSetting(env, 'CREDIT_CLOCKS', creditClocks.partial(), {}, true);
  const objectionSuspends = readSetting(env, 'CREDIT_OBJECTION_SUSPENDS', z.enum(['true', 'false']), 'false') === 'true';
  return { clocks: creditClocks.parse({ ...CREDIT_CLOCK_DEFAULTS, ...overrides }), profile: { objectionSuspends } };
}
