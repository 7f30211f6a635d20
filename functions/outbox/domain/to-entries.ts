import { sourceOf } from '#events/source';
import type { RecordedEvent } from '#records/domain/recorded-event';

export interface BusEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
  Time: Date;
}

/** DESIGN §4: one entry per stored event; Source = regulator.<context>, DetailType = the event type, detail = the event. */
export function toEntry(event: RecordedEvent<unknown>, agency: string, busName: string): BusEntry {
  return {
    Source: sourceOf(event.type),
    DetailType: event.type,
    Detail: JSON.stringify({ ...event, agency }),
    EventBusName: busName,
    Time: new Date(event.recordedAt),
  };
}
