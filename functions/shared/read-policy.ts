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
