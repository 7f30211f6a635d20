import { blobKeyPrefix, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The directory's table layout (STYLE §11): the list keys its records' heads carry, the lists they serve, and the
 * key prefixes it reads and writes, from which the topology derives the function's IAM policy. Streams themselves
 * are named by the domain (`entity/<agency>/<uscc>`) and keyed by the records layout.
 */

/** Where each kind of record's stream lives (the names the domain gives them start so). */
export const AGENCY_STREAMS = 'agency/';
export const ENTITY_STREAMS = 'entity/';
export const INSPECTOR_STREAMS = 'inspector/';
export const INSPECTION_ITEM_STREAMS = 'inspection-item/';
export const IMPORT_JOB_STREAMS = 'entity-import/';
/** The streams other contexts name directly (a case's or an inspection's entity, a task's items). */
export const entityStream = (agency: string, uscc: string) => `${ENTITY_STREAMS}${agency}/${uscc}`;
export const inspectionItemStream = (code: string) => `${INSPECTION_ITEM_STREAMS}${code}`;
export const inspectorStream = (agency: string, id: string) => `${INSPECTOR_STREAMS}${agency}/${id}`;

/** Import chunks, written before the event that names them. */
export const IMPORT_BLOBS = 'import/';

const ENTITIES = 'ENTITY#';
const INSPECTORS = 'INSPECTOR#';
const ITEMS = 'ITEM';
const AGENCIES = 'AGENCY';

/** An agency's entities by region (and credit code), and by industry then region. */
export const entityIndex = (agency: string, s: { region: string; uscc: string; industry: string }) => ({
  gsi1pk: `${ENTITIES}${agency}`,
  gsi1sk: `${s.region}#${s.uscc}`,
  gsi2pk: `${ENTITIES}${agency}#${s.industry}`,
  gsi2sk: `${s.region}#${s.uscc}`,
});
export const inspectorIndex = (agency: string, s: { id: string }) => ({ gsi1pk: `${INSPECTORS}${agency}`, gsi1sk: s.id });
/** The national catalog, with its owners as a marker a filter can match (`|A|B|`). */
export const inspectionItemIndex = (s: { code: string; owningAgencies: readonly string[] }) => ({
  gsi1pk: ITEMS,
  gsi1sk: s.code,
  owners: ownersMarker(s.owningAgencies),
});
export const ownersMarker = (agencies: readonly string[]) => `|${agencies.join('|')}|`;
export const agencyIndex = (s: { code: string }) => ({ gsi1pk: AGENCIES, gsi1sk: s.code });

/** The lists, as the reader's queries take them. */
export const entitiesByRegion = (agency: string) => ({ index: 'gsi1' as const, partition: `${ENTITIES}${agency}` });
export const entitiesByIndustry = (agency: string, industry: string) => ({
  index: 'gsi2' as const,
  partition: `${ENTITIES}${agency}#${industry}`,
});
export const inspectorsOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${INSPECTORS}${agency}` });
/** The catalog items an agency owns. */
export const inspectionItemsOf = (agency: string) => ({
  index: 'gsi1' as const,
  partition: ITEMS,
  contains: { attribute: 'owners', value: ownersMarker([agency]) },
});
export const agencies = () => ({ index: 'gsi1' as const, partition: AGENCIES });

/** What other contexts may read of the directory: record heads by stream, and the entity, inspector and item lists. */
export const entityHeads = () => streamKeyPrefix(ENTITY_STREAMS);
export const inspectionItemHeads = () => streamKeyPrefix(INSPECTION_ITEM_STREAMS);
export const inspectorHeads = () => streamKeyPrefix(INSPECTOR_STREAMS);
export const entityLists = () => ENTITIES;
export const inspectorLists = () => INSPECTORS;
export const itemList = () => ITEMS;
export const agencyList = () => AGENCIES;

export const directoryAccess = (): TableAccess => {
  const streams = [AGENCY_STREAMS, ENTITY_STREAMS, INSPECTOR_STREAMS, INSPECTION_ITEM_STREAMS, IMPORT_JOB_STREAMS];
  const written = [...streams.map(streamKeyPrefix), blobKeyPrefix(IMPORT_BLOBS)];
  return { read: [...written, AGENCIES, ENTITIES, INSPECTORS, ITEMS], write: written };
};
