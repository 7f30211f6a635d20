import type { TaskState } from '../ports.ts';

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
