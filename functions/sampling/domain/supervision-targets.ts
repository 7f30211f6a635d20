import * as z from 'zod';

/**
 * The supervision targets the dashboard measures against (监管数据分析), from the seeds: every inspection item an agency
 * owns covered by a double-random task (100 %), joint cross-department tasks at least 5 % of tasks, at least 90 % of
 * on-site inspections done on the mobile form (掌上执法率), and results published within 20 working days. A setting
 * (`SUPERVISION_TARGETS`, JSON) may change them per jurisdiction prefix and per year:
 * `{"11": {"*": {"mobileShare": 0.95}}, "110105": {"2027": {"jointTaskShare": 0.1}}}`; `*` is any jurisdiction or year.
 */
export const targetSet = z.strictObject({
  itemCoverage: z.number().min(0).max(1),
  jointTaskShare: z.number().min(0).max(1),
  mobileShare: z.number().min(0).max(1),
  publicationWorkingDays: z.number().int().min(1).max(60),
});
export type TargetSet = z.infer<typeof targetSet>;

export const SEED_TARGETS: TargetSet = { itemCoverage: 1, jointTaskShare: 0.05, mobileShare: 0.9, publicationWorkingDays: 20 };

const jurisdictionKey = z.string().regex(/^(\*|\d{2,6})$/, 'a jurisdiction prefix of 2–6 digits, or *');
const yearKey = z.string().regex(/^(\*|\d{4})$/, 'a year, or *');
export const targetSettings = z.record(jurisdictionKey, z.record(yearKey, targetSet.partial()));
export type TargetSettings = z.infer<typeof targetSettings>;

/**
 * The targets of one jurisdiction and year: the seeds', then every matching setting from the least to the most
 * specific (`*` before a prefix, shorter prefixes before longer, any year before the year), each naming where it came from.
 */
export function targetsFor(settings: TargetSettings, jurisdiction: string, year: number) {
  const prefixes = Object.keys(settings)
    .filter((key) => key === '*' || jurisdiction.startsWith(key))
    .sort((a, b) => (a === '*' ? -1 : b === '*' ? 1 : a.length - b.length));
  let targets: TargetSet = { ...SEED_TARGETS };
  const sources: string[] = ['seeds'];
  for (const prefix of prefixes) {
    for (const y of ['*', String(year)]) {
      const set = settings[prefix]?.[y];
      if (set === undefined) continue;
      targets = { ...targets, ...set };
      sources.push(`${prefix}/${y}`);
    }
  }
  return { jurisdiction, year, targets, sources };
}
