import * as z from 'zod';

/** Shapes shared by the directory's events. The check character of a credit code is verified by the directory itself. */
export const usccFormat = z
  .string()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'a unified social credit code is 18 characters of 0-9 A-H J-N P-R T-U W-Y');
export const agencyCode = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'an agency code is 1-40 letters, digits, - or _');
export const regionCode = z.string().regex(/^\d{6}$/, 'a region is a 6-digit administrative division code');
/** GB/T 4754 industry: a section letter, optionally followed by 2-4 digits (F, F52, F5211). */
export const industryCode = z.string().regex(/^[A-T](\d{2,4})?$/, 'an industry is a GB/T 4754 code such as F52 or C1391');
export const creditClass = z.enum(['A', 'B', 'C', 'D']);
/** 经营异常名录 and 严重违法失信名单. */
export const listFlag = z.enum(['abnormal-operations', 'serious-illegal-dishonesty']);

export const entityState = z.strictObject({
  uscc: usccFormat,
  name: z.string().min(1).max(200),
  industry: industryCode,
  region: regionCode,
  address: z.string().min(1).max(300),
  creditClass,
  flags: z.array(listFlag).max(2),
});

/** An agency (执法部门) as the public reads it: the code every record carries, its full name and its region. */
export const agencyState = z.strictObject({
  code: agencyCode,
  name: z.string().min(1).max(100),
  region: regionCode,
});

export const inspectorState = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/),
  name: z.string().min(1).max(100),
  specialties: z.array(z.string().min(1).max(64)).max(50),
  certificateNumber: z.string().min(1).max(64),
  conflicts: z.array(usccFormat).max(1000),
});

export const checklistQuestion = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
  question: z.string().min(1).max(500),
  mandatory: z.boolean(),
});

export const inspectionItemState = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
  name: z.string().min(1).max(200),
  legalBasis: z.string().min(1).max(1000),
  checklist: z.array(checklistQuestion).min(1).max(200),
  owningAgencies: z.array(agencyCode).min(1).max(50),
});
