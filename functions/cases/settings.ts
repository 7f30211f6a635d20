import * as z from 'zod';
import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { PUBLICITY_DEFAULTS, type PublicitySettings } from './domain/decision-publicity.ts';
import { ENFORCEMENT_DEFAULTS, type EnforcementSettings } from './domain/enforcement.ts';
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
  enforcement: EnforcementSettings;
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
    enforcement: {
      // 行政复议法 §20 (60 days), 行政诉讼法 §46 (6 months), 行政强制法 §54 (10 days after the reminder), §53 (3 months).
      reviewDays: read(env, 'CASE_REVIEW_PERIOD_DAYS', z.coerce.number().int().min(1).max(366), ENFORCEMENT_DEFAULTS.reviewDays),
      lawsuitMonths: read(env, 'CASE_LAWSUIT_PERIOD_MONTHS', z.coerce.number().int().min(1).max(24), ENFORCEMENT_DEFAULTS.lawsuitMonths),
      reminderWorkingDays: read(
        env,
        'CASE_REMINDER_WORKING_DAYS',
        z.coerce.number().int().min(1).max(60),
        ENFORCEMENT_DEFAULTS.reminderWorkingDays,
      ),
      applicationMonths: read(
        env,
        'CASE_COURT_APPLICATION_MONTHS',
        z.coerce.number().int().min(1).max(24),
        ENFORCEMENT_DEFAULTS.applicationMonths,
      ),
      // 行政处罚法 §72: 3% a day (300 basis points).
      surchargeBpPerDay: read(
        env,
        'CASE_SURCHARGE_BP_PER_DAY',
        z.coerce.number().int().min(0).max(300),
        ENFORCEMENT_DEFAULTS.surchargeBpPerDay,
      ),
    },
  };
}
