import * as z from 'zod';
import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { PUBLICITY_DEFAULTS, type PublicitySettings } from './domain/decision-publicity.ts';
import { DEFAULT_DISCRETION, DEFAULT_MAJOR_RULE, type DiscretionTable, type MajorCaseRule } from './domain/legal-rules.ts';

/**
 * The cases context's settings (DESIGN §6: each rule a documented, validated setting), from the environment the
 * topology declares with defaults (`cdk deploy -c NAME=value` in AWS, the environment of `npm start` locally).
 * A bad value throws at start-up, naming the variable.
 */
export interface CaseSettings {
  warnDays: number;
  publicity: PublicitySettings;
  majorRule: MajorCaseRule;
  discretion: DiscretionTable;
}

const yuan = z.coerce.number().nonnegative();
const range = z.strictObject({ min: yuan, max: yuan });
const discretionTable = z.record(
  z.string().min(1).max(40),
  z.strictObject({ name: z.string().min(1).max(200).optional(), lighter: range, normal: range, heavier: range }),
);
const penaltyTypes = z.array(z.enum(['warning', 'fine', 'confiscation', 'suspension', 'licence-revocation']));

const read = readSetting;

export function caseSettings(env: Record<string, string | undefined> = process.env): CaseSettings {
  configuredCalendar(env.OFFICIAL_CALENDAR ?? ''); // checked at start-up, used when a deadline is computed
  return {
    warnDays: read(env, 'CASE_WARN_DAYS', z.coerce.number().int().min(0).max(90), 10),
    publicity: { ...PUBLICITY_DEFAULTS, smallFineMax: read(env, 'CASE_SMALL_FINE_MAX', yuan, PUBLICITY_DEFAULTS.smallFineMax) },
    majorRule: {
      types: read(env, 'CASE_MAJOR_PENALTY_TYPES', penaltyTypes, [...DEFAULT_MAJOR_RULE.types], true),
      fineAbove: {
        person: read(env, 'CASE_MAJOR_FINE_PERSON', yuan, DEFAULT_MAJOR_RULE.fineAbove.person),
        organisation: read(env, 'CASE_MAJOR_FINE_ORGANISATION', yuan, DEFAULT_MAJOR_RULE.fineAbove.organisation),
      },
    },
    discretion: read(env, 'CASE_DISCRETION_TABLE', discretionTable, DEFAULT_DISCRETION, true),
  };
}
