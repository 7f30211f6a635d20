import type { RecordedEvent } from './recorded-event.ts';

/** One line of an agency's recent-activity feed, derived from a published event. */
export interface ActivityEntry {
  agency: string;
  stream: string;
  seq: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: RecordedEvent['actor'];
  correlationId: string;
  hash: string;
}

/** Entries stay 400 days: the feed is a convenience for supervisors; the event store keeps the record. */
export const ACTIVITY_RETENTION_DAYS = 400;

export function activityOf(
  event: Pick<RecordedEvent<unknown>, 'stream' | 'seq' | 'type' | 'occurredAt' | 'recordedAt' | 'actor' | 'correlationId' | 'hash'>,
  owningAgency: string,
): ActivityEntry {
  return {
    agency: owningAgency,
    stream: event.stream,
    seq: event.seq,
    type: event.type,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    correlationId: event.correlationId,
    hash: event.hash,
  };
}
