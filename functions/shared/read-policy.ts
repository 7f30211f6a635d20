import { NotFoundError } from './errors.ts';
/**
 * Who may read a record (DESIGN §5), the one rule every context applies: people of its owning agency, and of its
 * partner agencies when it is a joint record; auditors of any agency whose jurisdiction covers the record's region
 * (a prefix of the 6-digit division code). Anyone else is told the record does not exist (404, OWASP API1).
 * Writing is narrower and each context decides it (a team member, the owning agency's supervisor, …).
 */
export interface Reader {
  agency: string;
  /** Reads as an auditor (across agencies, inside the jurisdiction). */
  auditor: boolean;
  jurisdiction: string;
}

export interface ReadableRecord {
  agency: string;
  region: string;
  partners?: readonly string[];
}

export function canRead(reader: Reader, record: ReadableRecord): boolean {
  if (record.agency === reader.agency || (record.partners ?? []).includes(reader.agency)) return true;
  return reader.auditor && reader.jurisdiction !== '' && record.region.startsWith(reader.jurisdiction);
}

/**
 * The agency whose figures (metrics) a reader asks for: their own by default; another only for an auditor, who then
 * counts only that agency's records inside their jurisdiction (the rule above). Anyone else is told it does not exist.
 */
export function figuresOf(reader: Reader, asked?: string): { agency: string; counts: (record: ReadableRecord) => boolean } {
  const agency = asked ?? reader.agency;
  if (agency === reader.agency) return { agency, counts: () => true };
  if (!reader.auditor) throw new NotFoundError(`Agency ${agency} (yours is ${reader.agency})`);
  return { agency, counts: (record) => canRead(reader, record) };
}
