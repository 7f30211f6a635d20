import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** A listing ended: the duty done (abnormal list), or an early removal after the minimum period (serious list). */
export const ListingRemoved = defineEvent(
  SOURCE,
  'Credit.ListingRemoved',
  1,
  () => z.strictObject({ on: day, reason: z.string().min(1).max(2000), basis: z.string().max(500) }),
  { on: '2026-08-03', reason: '已补报年度报告并公示', basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)' },
);
