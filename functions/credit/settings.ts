import * as z from 'zod';
import { REPAIR_REGIMES } from '#events/credit/repair.v1';
import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { CREDIT_CLOCK_DEFAULTS, type CreditClocks, creditClocks } from './domain/credit-clocks.ts';
import type { ProfileOptions } from './domain/profile.ts';
import type { RepairRegime } from './domain/repairs.ts';

export interface CreditSettings {
  clocks: CreditClocks;
  /** How the profile counts (CREDIT_OBJECTION_SUSPENDS: whether a factor under objection counts; default it does). */
  profile: ProfileOptions;
  /** Which rule set repairs are judged by (CREDIT_REPAIR_REGIME): 'samr' (default) or 'ndrc' (NDRC Order 36, 2026-04-01). */
  repairRegime: RepairRegime;
}

/**
 * The credit context's settings, from the environment the topology declares with defaults; a bad value throws at
 * start-up. CREDIT_CLOCKS is a JSON object of the periods to change (`{"abnormalRemovalDecideWithin": 5}`).
 */
export function creditSettings(env: Record<string, string | undefined> = process.env): CreditSettings {
  configuredCalendar(env.OFFICIAL_CALENDAR ?? '');
  const overrides = readSetting(env, 'CREDIT_CLOCKS', creditClocks.partial(), {}, true);
  const objectionSuspends = readSetting(env, 'CREDIT_OBJECTION_SUSPENDS', z.enum(['true', 'false']), 'false') === 'true';
  const repairRegime = readSetting(env, 'CREDIT_REPAIR_REGIME', z.enum(REPAIR_REGIMES), 'samr');
  return { clocks: creditClocks.parse({ ...CREDIT_CLOCK_DEFAULTS, ...overrides }), profile: { objectionSuspends }, repairRegime };
}
