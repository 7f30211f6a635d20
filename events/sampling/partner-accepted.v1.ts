import * as z from 'zod';
import { agencyCode } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';

/**
 * A partner agency of a joint task (跨部门联合抽查) takes part: its inspectors may be drawn only once it has accepted,
 * by a step of its own supervisor, and the task is drawn only once every partner has.
 */
export const PartnerAccepted = defineEvent(
  'regulator.sampling',
  'Sampling.PartnerAccepted',
  1,
  () => z.strictObject({ agency: agencyCode, note: z.string().max(1000) }),
  { agency: 'FIRE-110105', note: '同意参加联合抽查' },
);
