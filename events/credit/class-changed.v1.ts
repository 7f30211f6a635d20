import * as z from 'zod';
import { agencyCode, creditClass, usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/**
 * An entity's credit class changed (国市监信发〔2022〕6号: A/B/C/D = 信用风险低/一般/较高/高), or was first computed
 * (`from` null). Recorded by a re-classification: at once when a fact about the entity arrives (`cause.event`), by
 * the monthly run (`cause.kind` 'monthly', when decay moved the score across a class line). The stream's version after
 * it is the profile version the draw cites.
 */
export const ClassChanged = defineEvent(
  SOURCE,
  'Credit.ClassChanged',
  1,
  () =>
    z.strictObject({
      agency: agencyCode,
      uscc: usccFormat,
      from: creditClass.nullable(),
      to: creditClass,
      score: z.number().int().min(0).max(1000),
      asOf: day,
      /** The rule sets the profile was computed by (credit-v1, ...). */
      rules: z.array(z.string().min(1).max(40)).min(1).max(10),
      cause: z.strictObject({
        kind: z.enum(['fact', 'monthly', 'rebuild']),
        /** The event whose arrival started the re-classification. */
        event: z
          .strictObject({ type: z.string().min(1).max(100), stream: z.string().min(1).max(300), seq: z.number().int().min(1) })
          .optional(),
      }),
    }),
  {
    agency: 'SAMR-110105',
    uscc: '91110105MA01ABCD13',
    from: 'A',
    to: 'C',
    score: 737,
    asOf: '2026-07-10',
    rules: ['credit-v1'],
    cause: { kind: 'fact', event: { type: 'Cases.PenaltyDecided', stream: 'case/c-1', seq: 7 } },
  },
);
