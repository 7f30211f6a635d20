import { classLists } from '#credit/adapters/table-layout';
import { entityLists, inspectionItemHeads, inspectorLists, itemList } from '#directory/adapters/table-layout';
import { inspectionLists } from '#inspections/adapters/table-layout';
import { blobKeyPrefix, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The sampling context's table layout (STYLE §11): tasks by agency and on the public list, each task's secret seed,
 * the markers that keep drawn entities and recent inspectors out of later draws, and the key prefixes the function
 * reads and writes (the topology derives its IAM policy from them).
 */
export const TASK_STREAMS = 'sampling-task/';
/** A draw's proof and populations, written before the event that reveals the seed. */
export const DRAW_BLOBS = 'sampling/';

const TASKS = 'TASK#';
const PUBLIC_TASKS = 'PUBLIC#TASK';
const SEEDS = 'SEED#';
const DRAWN = 'DRAWN#';
const INSPECTED = 'INSPECTED#';

/** The public list of tasks, one partition per year of creation (read newest year first). */
const publicYear = (createdAt: string) => `${PUBLIC_TASKS}#${createdAt.slice(0, 4)}`;
/** The first year the platform holds tasks of: the public list is read back to it. */
export const FIRST_TASK_YEAR = 2026;

/** An agency's tasks and the public list, newest first by creation. */
export const taskIndex = (s: { ownerAgency: string; createdAt: string; id: string }) => ({
  gsi1pk: `${TASKS}${s.ownerAgency}`,
  gsi1sk: `${s.createdAt}#${s.id}`,
  gsi2pk: publicYear(s.createdAt),
  gsi2sk: `${s.createdAt}#${s.id}`,
});
export const tasksOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${TASKS}${agency}` });
/** The public list, newest first: this year's partition, then each year before it back to the first. */
export const publicTasks = (now: Date) =>
  Array.from({ length: Math.max(1, now.getUTCFullYear() - FIRST_TASK_YEAR + 1) }, (_, back) => ({
    index: 'gsi2' as const,
    partition: publicYear(String(now.getUTCFullYear() - back)),
  }));
/** The task's secret seed, readable only by this function (DESIGN §6, draw spec v1). */
export const seedKey = (taskId: string) => ({ pk: `${SEEDS}${taskId}`, sk: 'SEED' });
/** Entities drawn for an item in a calendar year (left out of the same item's later draws that year). */
export const drawnMarkerPartition = (agency: string, item: string, year: number) => `${DRAWN}${agency}#${item}#${year}`;
/** Who inspected (or was assigned to) an entity, by time: a conflict for 12 months. */
export const inspectedMarkerPartition = (uscc: string) => `${INSPECTED}${uscc}`;
/** What a reader of the inspected markers (回避 checks elsewhere) may read. */
export const inspectedMarkers = () => INSPECTED;

export const samplingAccess = (): TableAccess => {
  const written = [streamKeyPrefix(TASK_STREAMS), SEEDS, blobKeyPrefix(DRAW_BLOBS), DRAWN, INSPECTED];
  return {
    read: [
      ...written,
      TASKS,
      PUBLIC_TASKS,
      entityLists(),
      inspectorLists(),
      itemList(),
      inspectionItemHeads(),
      inspectionLists(),
      classLists(),
    ],
    write: written,
  };
};
