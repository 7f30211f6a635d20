import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { deadlineSchema } from './removal.v1.ts';
import { day, SOURCE } from './values.ts';

/** What an objection (异议) is against: one factor of the profile (its source event), or a listing. */
export const objectionTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('factor'), stream: z.string().min(1).max(300), seq: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal('listing'), listing: z.string().min(1).max(300) }),
]);

/** The entity objected to a factor or a listing; an officer recorded it. Acceptance is due within 5 working days. */
export const ObjectionFiled = defineEvent(
  SOURCE,
  'Credit.ObjectionFiled',
  1,
  () =>
    z.strictObject({
      objectionId: z.string().min(1).max(100),
      uscc: usccFormat,
      target: objectionTarget,
      reason: z.string().min(1).max(4000),
      on: day,
      deadlines: z.array(deadlineSchema).max(5),
    }),
  {
    objectionId: 'objection-1',
    uscc: '91110105MA01ABCD13',
    target: { kind: 'factor', stream: 'external/SAMR-110105/91110105MA01ABCD13', seq: 2 },
    reason: '该检查结果所涉门店已于检查前注销，与本企业无关',
    on: '2026-06-01',
    deadlines: [{ name: 'accept-objection', due: '2026-06-08', provisional: false, basis: '国市监信规〔2021〕3号 (异议处理)' }],
  },
);

/** The objection accepted (受理): its verification is due within 20 working days. */
export const ObjectionAccepted = defineEvent(
  SOURCE,
  'Credit.ObjectionAccepted',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), deadlines: z.array(deadlineSchema).max(5) }),
  {
    on: '2026-06-03',
    note: '材料齐全，予以受理',
    deadlines: [{ name: 'verify-objection', due: '2026-07-01', provisional: false, basis: '国市监信规〔2021〕3号 (异议处理)' }],
  },
);

/** The objection not accepted (不予受理), with the reason: it ends. */
export const ObjectionNotAccepted = defineEvent(
  SOURCE,
  'Credit.ObjectionNotAccepted',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000) }),
  { on: '2026-06-03', note: '异议事项不属于本机关公示的信息' },
);

/**
 * The objection verified and decided: upheld, the factor or the listing is removed from the profile (and the public
 * page) from this day, the correction made at once; dismissed, it stands. It names its target and entity again, so that
 * the profile reads it alone.
 */
export const ObjectionDecided = defineEvent(
  SOURCE,
  'Credit.ObjectionDecided',
  1,
  () =>
    z.strictObject({
      uscc: usccFormat,
      target: objectionTarget,
      upheld: z.boolean(),
      note: z.string().min(1).max(4000),
      on: day,
    }),
  {
    uscc: '91110105MA01ABCD13',
    target: { kind: 'factor', stream: 'external/SAMR-110105/91110105MA01ABCD13', seq: 2 },
    upheld: true,
    note: '经核实，检查对象为已注销的分支机构，该记录予以删除',
    on: '2026-06-20',
  },
);
