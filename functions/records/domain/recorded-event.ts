import type { StoredDetail } from '#events/stored-event';

/** The stored event of DESIGN §4, hash chain spec v1. */
export interface Actor {
  id: string;
  role: string;
  agency: string;
}

/** The stored event, as the events' own schemas declare it (events/stored-event.ts); the outbox adds the agency. */
export type RecordedEvent<D = Record<string, unknown>> = Omit<StoredDetail<D>, 'agency'>;

export type UnhashedEvent<D = Record<string, unknown>> = Omit<RecordedEvent<D>, 'hash'>;

/** What a command decides to record; the store adds stream, seq, times and the chain. */
export interface NewEvent<D = Record<string, unknown>> {
  type: string;
  version: number;
  data: D;
  /** When it happened in the world, if not now (e.g. an inspection done offline). */
  occurredAt?: string;
}

const TEXT_FIELDS = ['stream', 'type', 'occurredAt', 'recordedAt', 'correlationId', 'prevHash', 'hash'] as const;

/**
 * A recorded event read back from the table as JSON (the outbox reads the stream's images): checked field by field
 * rather than cast, so that a damaged item is reported instead of published. Undefined when it is not one.
 */
export function recordedEventFrom(json: string): RecordedEvent<unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return isRecordedEvent(value) ? value : undefined;
}

function isRecordedEvent(value: unknown): value is RecordedEvent<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const fields = new Map<string, unknown>(Object.entries(value));
  const actor = fields.get('actor');
  const actorFields =
    typeof actor === 'object' && actor !== null ? new Map<string, unknown>(Object.entries(actor)) : new Map<string, unknown>();
  return (
    TEXT_FIELDS.every((k) => typeof fields.get(k) === 'string') &&
    Number.isInteger(fields.get('seq')) &&
    Number.isInteger(fields.get('version')) &&
    fields.has('data') &&
    ['id', 'role', 'agency'].every((k) => typeof actorFields.get(k) === 'string')
  );
}
