import type { TaskState } from '../ports.ts';

/** Per agency and period: coverage of its inspection items by double-random tasks, and the share of joint tasks. */
export function samplingMetrics(agency: string, from: string, to: string, tasks: readonly TaskState[], ownedItems: readonly string[]) {
  const inPeriod = tasks.filter((t) => t.ownerAgency === agency && t.period.start >= from && t.period.start <= to);
  const covered = new Set(inPeriod.flatMap((t) => t.items).filter((code) => ownedItems.includes(code)));
  const joint = inPeriod.filter((t) => t.partnerAgencies.length > 0).length;
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
  };
}
