import { sealEvent } from './hash-chain.ts';
import type { Actor, NewEvent, RecordedEvent } from './recorded-event.ts';

/** Turns decided events into chained records that continue a stream at `version`, whose last hash is `prevHash`. */
export function chainEvents(input: {
  stream: string;
  version: number;
  prevHash: string;
  events: readonly NewEvent[];
  actor: Actor;
  correlationId: string;
  now: Date;
}): RecordedEvent[] {
  const recordedAt = input.now.toISOString();
  let prevHash = input.prevHash;
  return input.events.map((event, index) => {
    const record = sealEvent({
      stream: input.stream,
      seq: input.version + index + 1,
      type: event.type,
      version: event.version,
      occurredAt: event.occurredAt ?? recordedAt,
      recordedAt,
      actor: input.actor,
      correlationId: input.correlationId,
      data: event.data,
      prevHash,
    });
    prevHash = record.hash;
    return record;
  });
}
