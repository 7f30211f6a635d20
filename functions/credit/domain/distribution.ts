import { entitiesByIndustry, entitiesByRegion } from '#directory/adapters/table-layout';
import { classesOf } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import type { ClassState } from './classification.ts';
import { allHeads } from './credit-streams.ts';
import type { CreditClass } from './rules.ts';

/**
 * The A/B/C/D distribution of an agency's directory (国市监信发〔2022〕6号 classes), optionally of a region (an
 * administrative division code or its prefix) and an industry (GB/T 4754 code): each entity counted in the class the
 * credit context last recorded for it, or, never re-classified, the class the national system gave it (what the draw
 * uses). Reads the agency's entity list and its class heads whole.
 */
export async function creditDistribution(
  deps: CreditDeps,
  agency: string,
  filter: { region?: string | undefined; industry?: string | undefined },
  /** Which entities count (an auditor reading another agency: those inside the jurisdiction). */
  counted: (entity: { agency: string; region: string }) => boolean = () => true,
) {
  const list = filter.industry === undefined ? entitiesByRegion(agency) : entitiesByIndustry(agency, filter.industry);
  const [entities, classes] = await Promise.all([
    allHeads<{ uscc: string; creditClass: CreditClass; region: string }>(
      deps,
      { ...list, ...(filter.region === undefined ? {} : { prefix: filter.region }) },
      1000,
    ).then((heads) => heads.filter((e) => counted({ agency, region: e.state.region }))),
    allHeads<ClassState>(deps, classesOf(agency), 1000),
  ]);
  const recorded = new Map(classes.map((c) => [c.state.uscc, c.state.class]));
  const counts: Record<CreditClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  let reclassified = 0;
  for (const e of entities) {
    const own = recorded.get(e.state.uscc);
    if (own !== undefined) reclassified += 1;
    counts[own ?? e.state.creditClass] += 1;
  }
  return {
    agency,
    ...(filter.region === undefined ? {} : { region: filter.region }),
    ...(filter.industry === undefined ? {} : { industry: filter.industry }),
    asOf: deps.today(),
    total: entities.length,
    classes: counts,
    reclassified,
  };
}
