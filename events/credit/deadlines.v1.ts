import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

const deadlineName = z.string().min(1).max(60);

/** A credit procedure's deadline (a removal decision, an objection's verification, …) is near: the daily sweep's warning. */
export const CreditDeadlineApproaching = defineEvent(
  SOURCE,
  'Credit.DeadlineApproaching',
  1,
  () =>
    z.strictObject({
      deadline: deadlineName,
      due: day,
      daysLeft: z.number().int().min(0),
      provisional: z.boolean(),
      basis: z.string().max(500),
    }),
  {
    deadline: 'decide-removal',
    due: '2026-10-09',
    daysLeft: 2,
    provisional: false,
    basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)',
  },
);

/** A credit procedure's deadline passed with its step not done (the alerts context raises on it). */
export const CreditDeadlinePassed = defineEvent(
  SOURCE,
  'Credit.DeadlinePassed',
  1,
  () => z.strictObject({ deadline: deadlineName, due: day, provisional: z.boolean(), basis: z.string().max(500) }),
  { deadline: 'decide-removal', due: '2026-10-09', provisional: false, basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)' },
);
