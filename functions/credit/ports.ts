import type { EventStore, HeadReader } from '#records/ports';

/** What the credit use cases need: ports only, so that they are tested with fakes. */
export interface CreditDeps {
  store: Pick<EventStore, 'read' | 'append'>;
  reader: Pick<HeadReader, 'get' | 'list'>;
  /** Today on the regulator's calendar (China Standard Time). */
  today: () => string;
}
