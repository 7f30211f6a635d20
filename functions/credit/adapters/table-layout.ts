import { caseHeads, caseLists } from '#cases/adapters/table-layout';
import { entityHeads } from '#directory/adapters/table-layout';
import { EXTERNAL_STREAMS } from '#ingest/adapters/table-layout';
import { inspectionHeads, inspectionLists } from '#inspections/adapters/table-layout';
import { streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The credit context's table layout (STYLE §11). A profile is computed from other contexts' records, read through
 * their layouts (imported where they are used): the entity's head, the agency's inspections and cases of the entity, and what other departments
 * reported about it. The credit function writes nothing yet (listings, objections and repairs will be its streams).
 */
export const creditAccess = (): TableAccess => ({
  read: [entityHeads(), inspectionHeads(), inspectionLists(), caseHeads(), caseLists(), streamKeyPrefix(EXTERNAL_STREAMS)],
  write: [],
});
