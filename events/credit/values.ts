/** Shapes the credit context's events share (信用监管), version 1. */
import * as z from 'zod';

/** The source every credit event is published under (DESIGN §4, outbox). */
export const SOURCE = 'regulator.credit';
export const day = z.iso.date();

/**
 * Causes of listing on the abnormal-operations list (经营异常名录), 企业经营异常名录管理办法 as revised by SAMR Order 101
 * (2025-03-18): the annual report not published by 30 June; information not published within the ordered period; a
 * required name-change registration not made; unreachable at the registered address.
 */
export const ABNORMAL_CAUSES = [
  'annual-report-not-published',
  'information-not-published',
  'name-change-not-registered',
  'unreachable-at-address',
] as const;
export const LISTS = ['abnormal', 'serious'] as const;
