import * as z from 'zod';
import { creditClass, usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** An officer asks to set an entity's class by hand, with a written reason; a supervisor decides (Credit.OverrideDecided). */
export const OverrideRequested = defineEvent(
  SOURCE,
  'Credit.OverrideRequested',
  1,
  () =>
    z.strictObject({
      overrideId: z.string().min(1).max(100),
      uscc: usccFormat,
      class: creditClass,
      /** The class the profile gave when asked. */
      computedClass: creditClass,
      reason: z.string().min(1).max(2000),
      on: day,
    }),
  {
    overrideId: 'override-1',
    uscc: '91110105MA01ABCD13',
    class: 'B',
    computedClass: 'C',
    reason: '两次不合格检查系同一问题的重复记录，已由复查确认整改到位',
    on: '2026-07-10',
  },
);
