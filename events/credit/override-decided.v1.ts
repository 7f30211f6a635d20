import * as z from 'zod';
import { creditClass, usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * A supervisor approved or refused a class override. Approved, the class holds on the profile (the lists still cap
 * it) until a later fact about the entity, which calls for the computed class again.
 */
export const OverrideDecided = defineEvent(
  SOURCE,
  'Credit.OverrideDecided',
  1,
  () =>
    z.strictObject({
      uscc: usccFormat,
      class: creditClass,
      approved: z.boolean(),
      /** The officer's written reason, as requested: the profile shows it beside the class. */
      reason: z.string().min(1).max(2000),
      note: z.string().min(1).max(2000),
      on: day,
    }),
  {
    uscc: '91110105MA01ABCD13',
    class: 'B',
    approved: true,
    reason: '两次不合格检查系同一问题的重复记录，已由复查确认整改到位',
    note: '同意：复查记录已核实',
    on: '2026-07-11',
  },
);
