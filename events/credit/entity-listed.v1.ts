import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { ABNORMAL_CAUSES, day, SOURCE } from './values.ts';

/** An entity put on a list: the abnormal-operations list with its cause, or the serious list with its decision. */
export const EntityListed = defineEvent(
  SOURCE,
  'Credit.EntityListed',
  1,
  () =>
    z.strictObject({
      listingId: z.string().min(1).max(100),
      uscc: usccFormat,
      list: z.enum(['abnormal', 'serious']),
      /** Abnormal list: one of ABNORMAL_CAUSES; serious list: what the heavier penalty was for. */
      cause: z.union([z.enum(ABNORMAL_CAUSES), z.string().min(1).max(2000)]),
      /** Serious list: the case whose heavier penalty lists the entity (SAMR Order 44, 2021). */
      caseId: z.string().max(200).optional(),
      on: day,
      basis: z.string().max(500),
      /** The day the cause arose (abnormal list), and the day the listing was due by (10 working days later). */
      causeOn: day.optional(),
      due: day.optional(),
      /** Unreachable at the registered address: the two registered letters, 15 to 30 days apart, both returned. */
      letters: z
        .array(z.strictObject({ sentOn: day, returnedOn: day }))
        .length(2)
        .optional(),
    }),
  {
    listingId: 'listing-1',
    uscc: '91110105MA01ABCD13',
    list: 'abnormal',
    cause: 'annual-report-not-published',
    on: '2026-07-10',
    basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)',
  },
);
