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
