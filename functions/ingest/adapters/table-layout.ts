import { CASE_STREAMS } from '#cases/adapters/table-layout';
import { entityHeads } from '#directory/adapters/table-layout';
import { streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The ingest context's table layout (STYLE §11): registered systems by agency, the claims that make a system's id
 * (per agency) and its CloudEvents source (globally) unique, the (source, id) marker of every accepted event, the
 * per-client rate counters, and the key prefixes the function reads and writes (the topology derives its IAM policy).
 */
export const SYSTEM_STREAMS = 'system/';
export const EXTERNAL_STREAMS = 'external/';
/** What other departments reported about one subject (an entity or a case) of an agency. */
export const externalRecordStream = (agency: string, subject: string) => `${EXTERNAL_STREAMS}${agency}/${subject}`;

const SYSTEMS = 'SYSTEM#';
const SYSTEM_IDS = 'SYSTEMID#';
const SYSTEM_SOURCES = 'SYSTEMSOURCE#';
const MARKERS = 'INGEST#';
const RATES = 'RATE#';

export const systemIndex = (agency: string, id: string) => ({ gsi1pk: `${SYSTEMS}${agency}`, gsi1sk: id });
export const systemsOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${SYSTEMS}${agency}` });
/** The side items that claim a system's id within its agency and its source everywhere, and which of them a key is. */
export const systemIdClaim = (agency: string, id: string) => ({ pk: `${SYSTEM_IDS}${agency}#${id}`, sk: 'SYSTEM' });
export const systemSourceClaim = (source: string) => ({ pk: `${SYSTEM_SOURCES}${source}`, sk: 'SYSTEM' });
export const isSystemIdClaim = (key: { pk: string }) => key.pk.startsWith(SYSTEM_IDS);
/** An accepted event's (source, id) marker, and the pair back from a marker's key. */
export const markerKey = (source: string, id: string) => ({ pk: `${MARKERS}${source}`, sk: id });
export const markerOf = (key: { pk: string; sk: string }) => ({ source: key.pk.slice(MARKERS.length), id: key.sk });
/** Requests of one client in one second. */
export const rateKey = (clientId: string, second: number) => ({ pk: `${RATES}${clientId}`, sk: String(second) });

export const ingestAccess = (): TableAccess => ({
  read: [
    streamKeyPrefix(SYSTEM_STREAMS),
    SYSTEMS,
    streamKeyPrefix(EXTERNAL_STREAMS),
    MARKERS,
    streamKeyPrefix(CASE_STREAMS),
    entityHeads(),
  ],
  write: [streamKeyPrefix(SYSTEM_STREAMS), SYSTEM_IDS, SYSTEM_SOURCES, streamKeyPrefix(EXTERNAL_STREAMS), MARKERS, RATES],
});
