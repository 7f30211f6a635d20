import type { EventStore, HeadReader } from '#records/ports';
import type { WorkingCalendar } from '#shared/calendar';
import type { PublicitySettings } from './domain/decision-publicity.ts';
import type { DiscretionTable, MajorCaseRule } from './domain/legal-rules.ts';

/** One read of a case's record (DESIGN §5): who, in which role and agency, read what of which agency's case. */
export interface AccessEntry {
  at: string;
  reader: string;
  role: string;
  readerAgency: string;
  caseId: string;
  caseAgency: string;
  what: string;
}

/** Where reads of case records are kept: under the case's agency and under the reader's. */
export interface AccessLog {
  record(entry: AccessEntry): Promise<void>;
  /** Newest first: the reads of the agency's cases, or (`byReader`) the reads its own people made. */
  list(agency: string, byReader: boolean, limit: number, cursor?: string): Promise<{ items: AccessEntry[]; cursor?: string }>;
}

/**
 * What the cases context's use cases need: ports only (the event store, the head reader, the access log), the
 * calendar and the settings, so that they are tested with fakes.
 */
export interface CaseDeps {
  store: EventStore;
  reader: HeadReader;
  access: AccessLog;
  /** Today on the regulator's calendar (China Standard Time). */
  today: () => string;
  /** The day `days` after today (for the sweep's horizon). */
  dayIn: (days: number) => string;
  /** The official calendar the statutory periods are counted on. */
  calendar: WorkingCalendar;
  settings: { warnDays: number; publicity: PublicitySettings; discretion: DiscretionTable; majorRule: MajorCaseRule };
}
