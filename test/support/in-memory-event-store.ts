import { chainEvents } from '#records/domain/append';
import { GENESIS_HASH } from '#records/domain/hash-chain';
import type { RecordedEvent } from '#records/domain/recorded-event';
import type {
  AppendInput,
  AppendResult,
  CreateOutcome,
  EventStore,
  HeadIndex,
  HeadReader,
  ListQuery,
  ReadPage,
  StoredRecord,
  StreamHead,
} from '#records/ports';
import { SideItemExistsError, VersionConflictError } from '#shared/errors';

interface Head extends StreamHead {
  agency: string;
  updatedAt: string;
  index: HeadIndex;
}

/** A fake of the EventStore port with the same rules: expected versions, chained hashes, heads with state. */
export class InMemoryEventStore implements EventStore, HeadReader {
  readonly events = new Map<string, RecordedEvent[]>();
  readonly heads = new Map<string, Head>();
  /** Items written beside an append, only if absent (`pk sk` → attributes). */
  readonly sideItems = new Map<string, Record<string, string | number>>();
  now = new Date('2026-03-02T08:00:00.000Z');

  async append(input: AppendInput): Promise<AppendResult> {
    const head = this.heads.get(input.stream);
    const current = head?.version ?? 0;
    if (current !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, current);
    const present = (input.sideItems ?? []).filter((side) => this.sideItems.has(`${side.pk} ${side.sk}`));
    if (present.length > 0) throw new SideItemExistsError(present.map((side) => ({ pk: side.pk, sk: side.sk })));
    for (const side of input.sideItems ?? []) this.sideItems.set(`${side.pk} ${side.sk}`, side.attributes);
    const events = chainEvents({
      stream: input.stream,
      version: current,
      prevHash: head?.lastHash ?? GENESIS_HASH,
      events: input.events,
      actor: input.actor,
      correlationId: input.correlationId,
      now: this.now,
    });
    this.events.set(input.stream, [...(this.events.get(input.stream) ?? []), ...events]);
    const last = events.at(-1) as RecordedEvent;
    this.heads.set(input.stream, {
      stream: input.stream,
      version: last.seq,
      lastHash: last.hash,
      agency: input.agency,
      updatedAt: this.now.toISOString(),
      state: input.head?.state,
      index: input.head?.index ?? {},
    });
    return { version: last.seq, events };
  }

  async appendAll(inputs: readonly AppendInput[]): Promise<AppendResult[]> {
    // All guards first, so that a failed one writes nothing (one transaction).
    for (const input of inputs) {
      const current = this.heads.get(input.stream)?.version ?? 0;
      if (current !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, current);
    }
    const results: AppendResult[] = [];
    for (const input of inputs) results.push(await this.append(input));
    return results;
  }

  async createMany(inputs: readonly AppendInput[]): Promise<CreateOutcome[]> {
    const outcomes: CreateOutcome[] = [];
    for (const input of inputs) {
      try {
        outcomes.push({ status: 'created', result: await this.append({ ...input, expectedVersion: 0 }) });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const origin = this.heads.get(input.stream)?.index.origin;
        outcomes.push(origin === undefined ? { status: 'exists' } : { status: 'exists', origin });
      }
    }
    return outcomes;
  }

  async existing(streams: readonly string[]): Promise<Set<string>> {
    return new Set(streams.filter((s) => this.heads.has(s)));
  }

  async head(stream: string): Promise<StreamHead | undefined> {
    return this.heads.get(stream);
  }

  async read(stream: string, options: { afterSeq?: number; limit?: number } = {}): Promise<ReadPage> {
    const all = (this.events.get(stream) ?? []).filter((e) => e.seq > (options.afterSeq ?? 0));
    const page = all.slice(0, options.limit ?? 100);
    return page.length < all.length ? { events: page, nextAfterSeq: page.at(-1)?.seq ?? 0 } : { events: page };
  }

  async get<S>(stream: string): Promise<StoredRecord<S> | undefined> {
    const head = this.heads.get(stream);
    return head === undefined ? undefined : this.recordOf<S>(head);
  }

  async getMany<S>(streams: readonly string[]): Promise<Map<string, StoredRecord<S>>> {
    const found = new Map<string, StoredRecord<S>>();
    for (const stream of streams) {
      const head = this.heads.get(stream);
      if (head !== undefined) found.set(stream, this.recordOf<S>(head));
    }
    return found;
  }

  async list<S>(query: ListQuery): Promise<{ items: StoredRecord<S>[]; cursor?: string }> {
    const pk = `${query.index}pk`;
    const sk = `${query.index}sk`;
    const matching = [...this.heads.values()]
      .filter((h) => h.index[pk] === query.partition && (query.prefix === undefined || (h.index[sk] ?? '').startsWith(query.prefix)))
      .filter((h) => query.upTo === undefined || (h.index[sk] ?? '') <= query.upTo)
      .filter((h) => query.contains === undefined || (h.index[query.contains.attribute] ?? '').includes(query.contains.value))
      .sort((a, b) => ((a.index[sk] ?? '') < (b.index[sk] ?? '') ? -1 : 1));
    if (query.descending) matching.reverse();
    const start = query.cursor === undefined ? 0 : Number(query.cursor);
    const page = matching.slice(start, start + query.limit);
    const next = start + query.limit < matching.length ? String(start + query.limit) : undefined;
    return { items: page.map((h) => this.recordOf<S>(h)), ...(next === undefined ? {} : { cursor: next }) };
  }

  private recordOf<S>(head: Head): StoredRecord<S> {
    return {
      stream: head.stream,
      state: head.state as S,
      agency: head.agency,
      version: head.version,
      lastHash: head.lastHash,
      updatedAt: head.updatedAt,
    };
  }
}
