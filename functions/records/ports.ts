import type { Actor, NewEvent, RecordedEvent } from './domain/recorded-event.ts';

export interface StreamHead {
  stream: string;
  version: number;
  lastHash: string;
  /** A cache of the folded state, written in the same transaction as the events; never the truth. */
  state?: unknown;
}

/** Index keys a context keeps on the head item so it can list its records (e.g. entities by region). */
export type HeadIndex = Partial<Record<'gsi1pk' | 'gsi1sk' | 'gsi2pk' | 'gsi2sk' | 'gsi3pk' | 'gsi3sk', string>> &
  Record<string, string | undefined>;

export interface AppendInput {
  stream: string;
  /** The version the caller's decision was based on; 0 creates the stream. */
  expectedVersion: number;
  /** The head's lastHash, when the caller has just read it; otherwise the store reads it. */
  prevHash?: string;
  events: readonly NewEvent[];
  actor: Actor;
  correlationId: string;
  /** The agency that owns the stream (DESIGN §5: every record carries its owning agency). */
  agency: string;
  head?: { state?: unknown; index?: HeadIndex };
  /** New items written in the same transaction, each only if absent (e.g. a task's secret seed). */
  sideItems?: readonly { pk: string; sk: string; attributes: Record<string, string | number> }[];
}

export interface AppendResult {
  version: number;
  events: RecordedEvent[];
}

/** `origin`: the existing head's `origin` attribute, when its creator set one (an import job's id). */
export type CreateOutcome = { status: 'created'; result: AppendResult } | { status: 'exists'; origin?: string };

export interface ReadPage {
  events: RecordedEvent[];
  /** The seq to continue after, when there is more. */
  nextAfterSeq?: number;
}

export interface EventStore {
  /** One transaction: the events and the head, guarded by expectedVersion. Throws VersionConflictError. */
  append(input: AppendInput): Promise<AppendResult>;
  /**
   * Several streams in one transaction, each guarded by its expectedVersion (a rule's watch and the alert it raises):
   * all or nothing. Throws VersionConflictError when any guard fails.
   */
  appendAll(inputs: readonly AppendInput[]): Promise<AppendResult[]>;
  /** Creates many new streams (expectedVersion 0) in as few transactions as the table allows. */
  createMany(inputs: readonly AppendInput[]): Promise<CreateOutcome[]>;
  head(stream: string): Promise<StreamHead | undefined>;
  /** Which of these streams exist already (a cheap pre-check before creating many). */
  existing(streams: readonly string[]): Promise<Set<string>>;
  read(stream: string, options?: { afterSeq?: number; limit?: number }): Promise<ReadPage>;
}

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
  /** Only records whose attribute contains this value (e.g. a catalog item's owners marker). */
  contains?: { attribute: string; value: string };
  limit: number;
  cursor?: string;
}

/** Stream heads by stream and through the table's indexes: every context reads its own (and others') this way. */
export interface HeadReader {
  get<S>(stream: string): Promise<StoredRecord<S> | undefined>;
  /** Many heads in as few round trips as the table allows (strongly consistent), by stream; missing ones absent. */
  getMany<S>(streams: readonly string[]): Promise<Map<string, StoredRecord<S>>>;
  list<S>(query: ListQuery): Promise<{ items: StoredRecord<S>[]; cursor?: string }>;
}

/**
 * One read of a record that the access log keeps (DESIGN §5: who read which record when): a case's, a credit
 * profile's, a timeline's. `record` names it (`case/c-1`, `credit/<agency>/<uscc>`); `caseId` is set for a case's.
 */
export interface AccessEntry {
  at: string;
  reader: string;
  role: string;
  readerAgency: string;
  record: string;
  recordAgency: string;
  what: string;
  caseId?: string;
  /**
   * Refused: the record exists but belongs to an agency the reader may not read (answered 404, OWASP API1). Repeated,
   * it is the probing the personnel-risk alert watches for (人员风险).
   */
  denied?: boolean;
}

/** Where reads are kept: under the record's agency and under the reader's. */
export interface AccessLog {
  record(entry: AccessEntry): Promise<void>;
  /** Newest first: the reads of the agency's records, or (`byReader`) the reads its own people made. */
  list(agency: string, byReader: boolean, limit: number, cursor?: string): Promise<{ items: AccessEntry[]; cursor?: string }>;
}
