/** The stored event of DESIGN §4, hash chain spec v1. */
export interface Actor {
  id: string;
  role: string;
  agency: string;
}

export interface RecordedEvent<D = Record<string, unknown>> {
  stream: string;
  seq: number;
  type: string;
  version: number;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  correlationId: string;
  data: D;
  prevHash: string;
  hash: string;
}

export type UnhashedEvent<D = Record<string, unknown>> = Omit<RecordedEvent<D>, 'hash'>;

/** What a command decides to record; the store adds stream, seq, times and the chain. */
export interface NewEvent<D = Record<string, unknown>> {
  type: string;
  version: number;
  data: D;
  /** When it happened in the world, if not now (e.g. an inspection done offline). */
  occurredAt?: string;
}
