import { entityHeads, inspectionItemHeads } from '#directory/adapters/table-layout';
import { blobKeyPrefix, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The inspections context's table layout (STYLE §11): an agency's inspections by planned date, each inspector's
 * worklist, and the key prefixes the function reads and writes (the topology derives its IAM policy from them).
 */
export const INSPECTION_STREAMS = 'inspection/';
export const inspectionStream = (id: string) => `${INSPECTION_STREAMS}${id}`;

const INSPECTIONS = 'INSPECTION#';
const WORKLISTS = 'WORKLIST#';

/** An agency's inspections, by planned start (and id); and the agency's inspections of one entity (credit reads them). */
export const inspectionIndex = (s: { ownerAgency: string; plannedStart: string; inspectionId: string; entity: { uscc: string } }) => ({
  gsi1pk: `${INSPECTIONS}${s.ownerAgency}`,
  gsi1sk: `${s.plannedStart}#${s.inspectionId}`,
  gsi2pk: `${INSPECTIONS}${s.ownerAgency}#${s.entity.uscc}`,
  gsi2sk: `${s.plannedStart}#${s.inspectionId}`,
});
/** One inspector's worklist: an entry per assigned inspection, by planned start. */
export const worklistKey = (agency: string, inspector: string, s: { plannedStart: string; inspectionId: string }) => ({
  pk: worklistPartition(agency, inspector),
  sk: `${s.plannedStart}#${s.inspectionId}`,
});
export const worklistPartition = (agency: string, inspector: string) => `${WORKLISTS}${agency}#${inspector}`;

/** An agency's inspections; a sort key prefix narrows to a planned start and id prefix (a task's, from its period). */
export const inspectionsOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${INSPECTIONS}${agency}` });

/** An agency's inspections of one entity. */
export const inspectionsAbout = (agency: string, uscc: string) => ({
  index: 'gsi2' as const,
  partition: `${INSPECTIONS}${agency}#${uscc}`,
});

/** What other contexts may read of inspections: their heads, and an agency's inspection list. */
export const inspectionHeads = () => streamKeyPrefix(INSPECTION_STREAMS);
export const inspectionLists = () => INSPECTIONS;

/** Written: inspections and worklists. Read besides: the task, its draw's blobs, entities and items it names. */
export const inspectionsAccess = (): TableAccess => ({
  read: [
    streamKeyPrefix(INSPECTION_STREAMS),
    WORKLISTS,
    INSPECTIONS,
    // The drawn task's head (its stream comes with Sampling.TaskDrawn) and its draw's proof: sampling's stream and
    // blobs, named here, not imported (sampling reads this context's inspection list; layouts import one way).
    streamKeyPrefix('sampling-task/'),
    blobKeyPrefix('sampling/'),
    entityHeads(),
    inspectionItemHeads(),
  ],
  write: [streamKeyPrefix(INSPECTION_STREAMS), WORKLISTS],
});
