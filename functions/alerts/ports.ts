import type { AccessLog, EventStore, HeadReader } from '#records/ports';
import type { WorkingCalendar } from '#shared/calendar';

/** What the alerts use cases need: ports only, so that they are tested with fakes. */
export interface AlertsDeps {
  store: Pick<EventStore, 'read' | 'append' | 'appendAll'>;
  reader: Pick<HeadReader, 'get' | 'getMany' | 'list'>;
  /** Today on the regulator's calendar (China Standard Time). */
  today: () => string;
  /** Now, for the times of the loop's steps (the metrics' hours to acknowledge and to close). */
  now: () => Date;
  calendar: WorkingCalendar;
  /** Who inspected each entity since a time (回避: a targeted inspection leaves them out, as the draw does). */
  recentInspectors(entities: readonly string[], since: string): Promise<Map<string, Set<string>>>;
  /** Who read which record when (DESIGN §5): alerts' reads are logged; the personnel sweep counts everyone's. */
  access: Pick<AccessLog, 'record' | 'list'>;
}
