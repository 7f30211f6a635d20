import type { AccessLog, EventStore, HeadReader } from '#records/ports';
import type { WorkingCalendar } from '#shared/calendar';
import type { EvidenceStore } from '#shared/evidence/ports';
import type { PublicitySettings } from './domain/decision-publicity.ts';
import type { EnforcementSettings } from './domain/enforcement.ts';
import type { DiscretionTable, MajorCaseRule } from './domain/legal-rules.ts';

/**
 * What the cases context's use cases need: ports only (the event store, the head reader, the access log), the
 * calendar and the settings, so that they are tested with fakes.
 */
export interface CaseDeps {
  store: EventStore;
  reader: HeadReader;
  access: AccessLog;
  /** Photos of the things a measure lists (S3 in AWS, a folder locally), hashed by the server. */
  evidence: EvidenceStore;
  /** Today on the regulator's calendar (China Standard Time). */
  today: () => string;
  /** The instant now (an emergency measure's 24 hours are counted to it); absent: noon of `today`. */
  now?: () => string;
  /** The day `days` after today (for the sweep's horizon). */
  dayIn: (days: number) => string;
  /** The official calendar the statutory periods are counted on. */
  calendar: WorkingCalendar;
  settings: {
    warnDays: number;
    publicity: PublicitySettings;
    discretion: DiscretionTable;
    majorRule: MajorCaseRule;
    enforcement: EnforcementSettings;
  };
}
