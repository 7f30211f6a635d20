import type { EventStore } from '../ports.ts';
import type { RecordedEvent } from './recorded-event.ts';

/** Every event of the streams, stream after stream, each page after page (a store page stops at 1 MB). */
export async function allEvents(store: Pick<EventStore, 'read'>, streams: readonly string[]): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (const stream of streams) {
    let afterSeq: number | undefined = 0;
    while (afterSeq !== undefined) {
      const page = await store.read(stream, { afterSeq, limit: 1000 });
      all.push(...page.events);
      afterSeq = page.nextAfterSeq;
    }
  }
  return all;
}
