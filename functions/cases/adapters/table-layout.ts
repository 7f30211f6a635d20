import { entityHeads } from '#directory/adapters/table-layout';
import { inspectionHeads } from '#inspections/adapters/table-layout';
import { streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

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
const ACCESS = 'ACCESS#';
const ACCESS_BY = 'ACCESS-BY#';

/** A case's head: by agency and status, by entity, and (while a deadline binds) on the clock index at that day. */
export const caseIndex = (c: { agency: string; status: string; clueOn: string; caseId: string; entity: string }, nextDue?: string) => ({
  gsi1pk: `${CASES}${c.agency}`,
  gsi1sk: `${c.status}#${c.clueOn}#${c.caseId}`,
  gsi2pk: `${CASES}${c.agency}#${c.entity}`,
  gsi2sk: `${c.clueOn}#${c.caseId}`,
  ...(nextDue === undefined ? {} : { gsi3pk: CLOCKS, gsi3sk: `${nextDue}#${CASE_STREAMS}${c.caseId}` }),
});
/** A live publication's head: on the public list by day, and on the clock index at its takedown. */
export const publicationIndex = (p: { publishedOn: string; takedownOn: string; caseId: string }) => ({
  gsi1pk: PUBLIC_DECISIONS,
  gsi1sk: `${p.publishedOn}#${p.caseId}`,
  gsi3pk: CLOCKS,
  gsi3sk: `${p.takedownOn}#${PUBLICATION_STREAMS}${p.caseId}`,
});
export const casesOf = (agency: string, status?: string) => ({
  index: 'gsi1' as const,
  partition: `${CASES}${agency}`,
  ...(status ? { prefix: `${status}#` } : {}),
});
export const casesAbout = (agency: string, entity: string) => ({ index: 'gsi2' as const, partition: `${CASES}${agency}#${entity}` });
export const publicDecisions = () => ({ index: 'gsi1' as const, partition: PUBLIC_DECISIONS });
/** What the clock sweep acts on: case deadlines and publication takedowns due by `day` (inclusive). */
export const dueBy = (day: string) => ({ index: 'gsi3' as const, partition: CLOCKS, upTo: `${day}~` });
/** The access log: reads of an agency's cases, and the reads an agency's own people made. */
export const accessLogPartition = (agency: string, byReader: boolean) => `${byReader ? ACCESS_BY : ACCESS}${agency}`;
export const externalRecordStream = (agency: string, caseId: string) => `${EXTERNAL_STREAMS}${agency}/${caseId}`;

export const casesAccess = (): TableAccess => {
  const written = [streamKeyPrefix(CASE_STREAMS), streamKeyPrefix(PUBLICATION_STREAMS), ACCESS, ACCESS_BY];
  return {
    read: [...written, streamKeyPrefix(EXTERNAL_STREAMS), CASES, PUBLIC_DECISIONS, CLOCKS, entityHeads(), inspectionHeads()],
    write: written,
  };
};
