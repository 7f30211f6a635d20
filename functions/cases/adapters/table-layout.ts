import { entityHeads } from '#directory/adapters/table-layout';
import { inspectionHeads } from '#inspections/adapters/table-layout';
import { accessLogs, shardOf, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The cases context's table layout (STYLE §11): an agency's cases by status and by entity, the clock index the daily
 * sweep reads (a case's next binding deadline, a publication's takedown), the public list of decisions, the access
 * log, and the key prefixes the function reads and writes (the topology derives its IAM policy from them).
 */
export const CASE_STREAMS = 'case/';
export const PUBLICATION_STREAMS = 'publication/';
/** Other departments' reports about a case (the ingest context writes them; a timeline shows them). */
const EXTERNAL_STREAMS = 'external/';

const CASES = 'CASE#';
const CLOCKS = 'CLOCK#cases';
const PUBLIC_DECISIONS = 'PUBLIC#DECISION';
/**
 * The clock index is spread over 16 partitions by a hash of the stream, so that no partition takes every case's
 * deadline writes and the daily sweep reads them side by side (README, national scale).
 */
export const CLOCK_SHARDS = 16;
const clockPartition = (stream: string) => `${CLOCKS}#${shardOf(stream, CLOCK_SHARDS)}`;
/** The public list of decisions, one partition per month of publication (newest month first when read). */
const publicMonth = (publishedOn: string) => `${PUBLIC_DECISIONS}#${publishedOn.slice(0, 7)}`;

/** A case's head: by agency and status, by entity, and (while a deadline binds) on the clock index at that day. */
export const caseIndex = (c: { agency: string; status: string; clueOn: string; caseId: string; entity: string }, nextDue?: string) => ({
  gsi1pk: `${CASES}${c.agency}`,
  gsi1sk: `${c.status}#${c.clueOn}#${c.caseId}`,
  gsi2pk: `${CASES}${c.agency}#${c.entity}`,
  gsi2sk: `${c.clueOn}#${c.caseId}`,
  ...(nextDue === undefined
    ? {}
    : { gsi3pk: clockPartition(`${CASE_STREAMS}${c.caseId}`), gsi3sk: `${nextDue}#${CASE_STREAMS}${c.caseId}` }),
});
/** The live publications about one entity (the public entity page, credit). */
const PUBLIC_DECISIONS_OF = 'PUBLIC#ENTITY-DECISIONS#';
/** A live publication's head: on the public list by day and by entity, and on the clock index at its takedown. */
export const publicationIndex = (p: { publishedOn: string; takedownOn: string; caseId: string; entity: string }) => ({
  gsi1pk: publicMonth(p.publishedOn),
  gsi1sk: `${p.publishedOn}#${p.caseId}`,
  gsi2pk: `${PUBLIC_DECISIONS_OF}${p.entity}`,
  gsi2sk: `${p.publishedOn}#${p.caseId}`,
  gsi3pk: clockPartition(`${PUBLICATION_STREAMS}${p.caseId}`),
  gsi3sk: `${p.takedownOn}#${PUBLICATION_STREAMS}${p.caseId}`,
});
export const casesOf = (agency: string, status?: string) => ({
  index: 'gsi1' as const,
  partition: `${CASES}${agency}`,
  ...(status ? { prefix: `${status}#` } : {}),
});
export const casesAbout = (agency: string, entity: string) => ({ index: 'gsi2' as const, partition: `${CASES}${agency}#${entity}` });
/**
 * The published decisions, newest first: the month partitions from `today`'s back to the oldest a live publication
 * can have (publicity lasts at most 3 years, decision-publicity.ts), one after another.
 */
export const publicDecisions = (today: string, months = 37) =>
  Array.from({ length: months }, (_, back) => {
    const at = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    at.setUTCMonth(at.getUTCMonth() - back);
    return { index: 'gsi1' as const, partition: publicMonth(at.toISOString().slice(0, 10)), descending: true };
  });
/** What the clock sweep acts on: case deadlines and publication takedowns due by `day` (inclusive), one query per shard. */
export const dueBy = (day: string) =>
  Array.from({ length: CLOCK_SHARDS }, (_, shard) => ({
    index: 'gsi3' as const,
    partition: `${CLOCKS}#${String(shard).padStart(2, '0')}`,
    upTo: `${day}~`,
  }));
export const externalRecordStream = (agency: string, caseId: string) => `${EXTERNAL_STREAMS}${agency}/${caseId}`;

/** What other contexts may read of cases: their streams, and an agency's case lists (credit reads an entity's). */
export const caseHeads = () => streamKeyPrefix(CASE_STREAMS);
export const caseLists = () => CASES;
/** A case's stream. */
export const caseStream = (caseId: string) => `${CASE_STREAMS}${caseId}`;
export const publicationStream = (caseId: string) => `${PUBLICATION_STREAMS}${caseId}`;
/** The live publications about an entity, newest first. */
export const publicDecisionsOf = (uscc: string) => ({
  index: 'gsi2' as const,
  partition: `${PUBLIC_DECISIONS_OF}${uscc}`,
  descending: true,
});
export const publicDecisionsOfLists = () => PUBLIC_DECISIONS_OF;
/** What another context may read of a decision's publication (credit repair checks it). */
export const publicationHeads = () => streamKeyPrefix(PUBLICATION_STREAMS);

export const casesAccess = (): TableAccess => {
  const written = [streamKeyPrefix(CASE_STREAMS), streamKeyPrefix(PUBLICATION_STREAMS), ...accessLogs()];
  return {
    read: [
      ...written,
      streamKeyPrefix(EXTERNAL_STREAMS),
      CASES,
      PUBLIC_DECISIONS,
      PUBLIC_DECISIONS_OF,
      CLOCKS,
      entityHeads(),
      inspectionHeads(),
    ],
    write: written,
  };
};
