import type { StreamHead } from '#records/ports';

export interface StoredRecord<S> {
  stream: string;
  state: S;
  agency: string;
  version: number;
  lastHash: string;
  updatedAt: string;
}

export interface ListQuery {
  /** Which index partition to read, and an optional sort key prefix. */
  index: 'gsi1' | 'gsi2' | 'gsi3';
  partition: string;
  prefix?: string;
  /** Only sort keys up to this one (inclusive). */
  upTo?: string;
  /** Highest sort key first. */
  descending?: boolean;
  /** Only records this agency owns (catalog items). */
  owner?: string;
  limit: number;
  cursor?: string;
}

export interface DirectoryReader {
  get<S>(stream: string): Promise<StoredRecord<S> | undefined>;
  /** Many heads in as few round trips as the table allows (strongly consistent), by stream; missing ones absent. */
  getMany<S>(streams: readonly string[]): Promise<Map<string, StoredRecord<S>>>;
  list<S>(query: ListQuery): Promise<{ items: StoredRecord<S>[]; cursor?: string }>;
}

export type { StreamHead };

/** Write-once text documents by key (an import's chunks): written before the event that names them. */
export interface ChunkStore {
  putAll(documents: readonly { key: string; data: string }[]): Promise<void>;
  get(key: string): Promise<string | undefined>;
}
