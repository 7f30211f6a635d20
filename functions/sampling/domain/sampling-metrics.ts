import { figuresOf, type Reader } from '#shared/read-policy';
import type { SamplingDeps, TaskState } from '../ports.ts';

/**
 * Per agency and period: coverage of its inspection items by double-random tasks, the share of joint tasks, and the
 * share of drawn tasks whose results were published in time (not flagged by the publication sweep).
 */
export function samplingMetrics(agency: string, from: string, to: string, tasks: readonly TaskState[], ownedItems: readonly string[]) {
  const inPeriod = tasks.filter((t) => t.ownerAgency === agency && t.period.start >= from && t.period.start <= to);
  const covered = new Set(inPeriod.flatMap((t) => t.items).filter((code) => ownedItems.includes(code)));
  const joint = inPeriod.filter((t) => t.partnerAgencies.length > 0).length;
  const drawn = inPeriod.filter((t) => t.draw !== undefined);
  const late = drawn.filter((t) => t.overdue !== undefined).length;
  return {
    agency,
    from,
    to,
    tasks: inPeriod.length,
    jointTasks: joint,
    jointTaskShare: inPeriod.length === 0 ? 0 : joint / inPeriod.length,
    itemsOwned: ownedItems.length,
    itemsCovered: covered.size,
    itemCoverage: ownedItems.length === 0 ? 0 : covered.size / ownedItems.length,
    drawnTasks: drawn.length,
    publicationOverdue: late,
    publicationOnTimeShare: drawn.length === 0 ? 1 : (drawn.length - late) / drawn.length,
  };
}

/**
 * The figures of an agency (the reader's own, or for an auditor another of the jurisdiction, its tasks inside the
 * jurisdiction counted) for a period, and of the tasks planned for a region when one is asked for.
 */
export async function samplingMetricsOf(
  deps: Pick<SamplingDeps, 'reads'>,
  reader: Reader,
  query: { from: string; to: string; region?: string | undefined; agency?: string | undefined },
) {
  const { agency, counts } = figuresOf(reader, query.agency);
  const region = query.region ?? '';
  const counted = (t: TaskState) =>
    t.jurisdiction.startsWith(region) && counts({ agency: t.ownerAgency, region: t.jurisdiction, partners: t.partnerAgencies });
  const tasks: TaskState[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reads.tasksOf(agency, 100, cursor);
    tasks.push(...page.items.filter(counted));
    cursor = page.cursor;
  } while (cursor !== undefined);
  const metrics = samplingMetrics(agency, query.from, query.to, tasks, await deps.reads.ownedItemCodes(agency));
  return query.region === undefined ? metrics : { ...metrics, region: query.region };
}
