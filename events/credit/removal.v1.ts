import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** A deadline a step opens: its name, the day it falls due (working days on the Chinese calendar) and its basis. */
export const deadlineSchema = z.strictObject({
  name: z.string().min(1).max(60),
  due: day,
  provisional: z.boolean(),
  basis: z.string().max(500),
});

/** The entity applied to be removed from a list (the duty done; for the serious list, after a year on it). */
export const RemovalApplied = defineEvent(
  SOURCE,
  'Credit.RemovalApplied',
  1,
  () => z.strictObject({ on: day, reason: z.string().min(1).max(2000), deadlines: z.array(deadlineSchema).max(5) }),
  {
    on: '2026-08-03',
    reason: '已补报2025年度报告并公示',
    deadlines: [
      { name: 'decide-removal', due: '2026-08-10', provisional: false, basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)' },
    ],
  },
);

/** A serious-list removal application accepted (受理): its decision is due within the period that starts now. */
export const RemovalAccepted = defineEvent(
  SOURCE,
  'Credit.RemovalAccepted',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), deadlines: z.array(deadlineSchema).max(5) }),
  {
    on: '2027-08-04',
    note: '材料齐全，予以受理',
    deadlines: [
      {
        name: 'decide-removal',
        due: '2027-08-25',
        provisional: false,
        basis: '市场监督管理严重违法失信名单管理办法 (SAMR Order 44, 2021)',
      },
    ],
  },
);

/** A removal application not accepted, or refused on its merits: the listing stays. */
export const RemovalRefused = defineEvent(
  SOURCE,
  'Credit.RemovalRefused',
  1,
  () => z.strictObject({ on: day, note: z.string().min(1).max(2000), stage: z.enum(['acceptance', 'decision']) }),
  { on: '2026-08-05', note: '年度报告仍未公示', stage: 'decision' },
);
