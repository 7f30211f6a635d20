import * as z from 'zod';
import { agencyCode, industryCode, listFlag } from '../directory/values.ts';

export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const;
export const DEFAULT_RATES_BP = { A: 500, B: 1500, C: 4000, D: 8000 } as const;

const basisPoints = z.number().int().min(0, 'a rate is 0–10000 basis points').max(10_000, 'a rate is 0–10000 basis points');
const day = z.iso.date();

export const populationFilter = z.strictObject({
  industry: industryCode.optional(),
  regionPrefix: z
    .string()
    .regex(/^\d{2,6}$/, 'a region prefix is 2–6 digits')
    .optional(),
  /** Only entities on every one of these lists. */
  flags: z.array(listFlag).max(2).optional(),
});

export const teamGroup = z.strictObject({ agency: agencyCode, count: z.number().int().min(1).max(10) });

export const taskPlan = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  name: z.string().min(1).max(200),
  items: z
    .array(z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/))
    .min(1)
    .max(50),
  population: populationFilter,
  ownerAgency: agencyCode,
  /** The owner's jurisdiction: auditors whose jurisdiction covers it may read the task. */
  jurisdiction: z.string().regex(/^\d{2,6}$/),
  partnerAgencies: z.array(agencyCode).max(20),
  ratesBp: z.strictObject({ A: basisPoints, B: basisPoints, C: basisPoints, D: basisPoints }),
  teams: z.array(teamGroup).min(1).max(10),
  maxAssignmentsPerInspector: z.number().int().min(1).max(10_000).optional(),
  period: z.strictObject({ start: day, end: day }),
  commitment: z.string().regex(/^[0-9a-f]{64}$/),
});

export const stratumSummary = z.strictObject({
  name: z.enum(CREDIT_CLASSES),
  rateBp: basisPoints,
  populationHash: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  k: z.number().int().nonnegative(),
});

export const drawRecord = z.strictObject({
  drawId: z.string().uuid(),
  witness: z.string().max(500),
  seed: z.string().regex(/^[0-9a-f]{64}$/),
  drawnAt: z.iso.datetime(),
  year: z.number().int(),
  strata: z.array(stratumSummary),
  poolHash: z.string().regex(/^[0-9a-f]{64}$/),
  selectedCount: z.number().int().nonnegative(),
  shortfallCount: z.number().int().nonnegative(),
  /** SHA-256 of the proof document, kept in the blob store under `proofBlob`. */
  proofSha256: z.string().regex(/^[0-9a-f]{64}$/),
  proofBlob: z.string().min(1),
  populationBlobs: z.record(z.string(), z.string()),
});
