import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { deadlineSchema } from './removal.v1.ts';
import { day, SOURCE } from './values.ts';

/** The rule sets a repair is judged by: SAMR's (国市监信规〔2021〕3号 with 总局令第45号) or NDRC Order 36 (2026-04-01). */
export const REPAIR_REGIMES = ['samr', 'ndrc'] as const;
/** Where the violation was: food, drugs and special equipment wait a year instead of 6 months (SAMR). */
export const REPAIR_FIELDS = ['food', 'drugs', 'special-equipment', 'other'] as const;
export const NDRC_SEVERITIES = ['minor', 'general', 'serious'] as const;

/** The entity applied for credit repair (信用修复) of a published penalty decision; acceptance is due first. */
export const RepairApplied = defineEvent(
  SOURCE,
  'Credit.RepairApplied',
  1,
  () =>
    z.strictObject({
      repairId: z.string().min(1).max(100),
      uscc: usccFormat,
      caseId: z.string().min(1).max(200),
      regime: z.enum(REPAIR_REGIMES),
      field: z.enum(REPAIR_FIELDS),
      /** NDRC Order 36 only: how serious the dishonesty information is (轻微/一般/严重). */
      severity: z.enum(NDRC_SEVERITIES).optional(),
      publishedOn: day,
      earliest: day,
      reason: z.string().min(1).max(4000),
      on: day,
      deadlines: z.array(deadlineSchema).max(5),
    }),
  {
    repairId: 'repair-1',
    uscc: '91110105MA01ABCD13',
    caseId: 'case-1',
    regime: 'samr',
    field: 'other',
    publishedOn: '2026-01-10',
    earliest: '2026-07-10',
    reason: '罚款已缴清，违法行为已改正，已提交信用承诺书',
    on: '2026-07-13',
    deadlines: [{ name: 'accept-repair', due: '2026-07-15', provisional: false, basis: '国市监信规〔2021〕3号' }],
  },
);

/** The application accepted (受理): its decision is due within the period that starts now. */
export const RepairAccepted = defineEvent(
  SOURCE,
  'Credit.RepairAccepted',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), deadlines: z.array(deadlineSchema).max(5) }),
  {
    on: '2026-07-14',
    note: '材料齐全，予以受理',
    deadlines: [{ name: 'decide-repair', due: '2026-08-04', provisional: false, basis: '国市监信规〔2021〕3号' }],
  },
);

/** The decision's period extended once (NDRC Order 36: by 10 working days). */
export const RepairExtended = defineEvent(
  SOURCE,
  'Credit.RepairExtended',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), deadlines: z.array(deadlineSchema).max(5) }),
  {
    on: '2026-07-20',
    note: '需核查缴款凭证',
    deadlines: [{ name: 'decide-repair', due: '2026-08-03', provisional: false, basis: '国家发展改革委令第36号' }],
  },
);

/** The application not accepted, or refused on its merits. */
export const RepairRefused = defineEvent(
  SOURCE,
  'Credit.RepairRefused',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), stage: z.enum(['acceptance', 'decision']) }),
  { on: '2026-07-20', note: '行政处罚决定书载明的义务尚未履行', stage: 'decision' },
);

/**
 * Repair granted: the decision's publication ends (the cases context withdraws it from the disclosure site at once)
 * and the penalty no longer weighs on the profile from this day. It names the entity and the case again, so that the
 * profile and the cases context read it alone.
 */
export const RepairGranted = defineEvent(
  SOURCE,
  'Credit.RepairGranted',
  1,
  () => z.strictObject({ uscc: usccFormat, caseId: z.string().min(1).max(200), on: day, note: z.string().min(1).max(2000) }),
  { uscc: '91110105MA01ABCD13', caseId: 'case-1', on: '2026-07-20', note: '准予信用修复，停止公示' },
);
