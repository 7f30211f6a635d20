import { entitiesByIndustry, entitiesByRegion } from '#directory/adapters/table-layout';
import { classesOf } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import type { ClassState } from './classification.ts';
import { allHeads } from './credit-streams.ts';
import type { CreditClass } from './rules.ts';

type Filter = { region?: string | undefined; industry?: string | undefined };
type Counted = (entity: { agency: string; region: string }) => boolean;

/** An entity of the directory in the class the draw uses for it. */
export interface ClassedEntity {
  uscc: string;
  name: string;
  region: string;
  /** The class the credit context last recorded for it, or, never re-classified, the national one. */
  class: CreditClass;
  /** The class the national system gave it. */
  nationalClass: CreditClass;
  reclassified: boolean;
  /** The directory's flags (经营异常, 严重违法失信). */
  flags: string[];
}

/**
 * The agency's entities (of a region prefix and an industry), each in the class the credit context last recorded for
 * it, or, never re-classified, the class the national system gave it: what the draw uses. Reads the agency's entity
 * list and its class heads whole.
 */
async function classedEntities(deps: CreditDeps, agency: string, filter: Filter, counted: Counted): Promise<ClassedEntity[]> {
  const list = filter.industry === undefined ? entitiesByRegion(agency) : entitiesByIndustry(agency, filter.industry);
  const [entities, classes] = await Promise.all([
    allHeads<{ uscc: string; name: string; creditClass: CreditClass; region: string; flags?: string[] }>(
      deps,
      { ...list, ...(filter.region === undefined ? {} : { prefix: filter.region }) },
      1000,
    ).then((heads) => heads.filter((e) => counted({ agency, region: e.state.region }))),
    allHeads<ClassState>(deps, classesOf(agency), 1000),
  ]);
  const recorded = new Map(classes.map((c) => [c.state.uscc, c.state.class]));
  return entities.map(({ state: e }) => {
    const own = recorded.get(e.uscc);
    return {
      uscc: e.uscc,
      name: e.name,
      region: e.region,
      class: own ?? e.creditClass,
      nationalClass: e.creditClass,
      reclassified: own !== undefined,
      flags: e.flags ?? [],
    };
  });
}

/**
 * The A/B/C/D distribution of an agency's directory (国市监信发〔2022〕6号 classes), optionally of a region (an
 * administrative division code or its prefix) and an industry (GB/T 4754 code), each entity in the class the draw uses.
 */
export async function creditDistribution(
  deps: CreditDeps,
  agency: string,
  filter: Filter,
  /** Which entities count (an auditor reading another agency: those inside the jurisdiction). */
  counted: Counted = () => true,
) {
  const entities = await classedEntities(deps, agency, filter, counted);
  const counts: Record<CreditClass, number> = { A: 0, B: 0, C: 0, D: 0 };
  for (const e of entities) counts[e.class] += 1;
  return {
    agency,
    ...(filter.region === undefined ? {} : { region: filter.region }),
    ...(filter.industry === undefined ? {} : { industry: filter.industry }),
    asOf: deps.today(),
    total: entities.length,
    classes: counts,
    reclassified: entities.filter((e) => e.reclassified).length,
  };
}

/**
 * The entities behind a class of the distribution (a figure's records): the same entities in the same classes, of one
 * class when asked, by credit code, a page at a time (the cursor is the position).
 */
export async function classedEntityPage(
  deps: CreditDeps,
  agency: string,
  query: Filter & { class?: CreditClass | undefined; limit: number; cursor?: string | undefined },
  counted: Counted = () => true,
) {
  const all = (await classedEntities(deps, agency, query, counted))
    .filter((e) => query.class === undefined || e.class === query.class)
    .sort((a, b) => a.uscc.localeCompare(b.uscc));
  const start = query.cursor === undefined ? 0 : Number(query.cursor);
  const next = start + query.limit < all.length ? String(start + query.limit) : undefined;
  return { total: all.length, items: all.slice(start, start + query.limit), ...(next === undefined ? {} : { cursor: next }) };
}
