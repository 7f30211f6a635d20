import type { AccessLog, EventStore, HeadReader } from '#records/ports';
import type { WorkingCalendar } from '#shared/calendar';
import type { CreditSettings } from './settings.ts';

/** What the credit use cases need: ports only, so that they are tested with fakes. */
export interface CreditDeps {
  store: Pick<EventStore, 'read' | 'append'>;
  reader: Pick<HeadReader, 'get' | 'getMany' | 'list'>;
  /** Today on the regulator's calendar (China Standard Time). */
  today: () => string;
  /** The working calendar the procedures' periods are counted on (loaded once by the wiring). */
  calendar: WorkingCalendar;
  settings: CreditSettings;
  /** Who read which entity's credit record when (DESIGN §5). */
  access: Pick<AccessLog, 'record'>;
}
