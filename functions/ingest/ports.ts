import type { EventStore, HeadReader } from '#records/ports';

/** Which (source, id) pairs were accepted before: the marker written in the same transaction as the event. */
export interface IngestMarkers {
  existing(keys: readonly { source: string; id: string }[]): Promise<Set<string>>;
}

/** What the ingest use cases need: ports only, so that they are tested with fakes. */
export interface IngestDeps {
  store: EventStore;
  reader: HeadReader;
  markers: IngestMarkers;
  clock: () => Date;
}
