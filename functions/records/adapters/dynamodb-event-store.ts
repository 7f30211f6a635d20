import {
  BatchGetItemCommand,
  type CancellationReason,
  type DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import pLimit from 'p-limit';
import { RecordTooLargeError, SideItemExistsError, VersionConflictError } from '#shared/errors';
import { assertTimeToWrite } from '#shared/invocation';
import { StillUnprocessedError, untilDone } from '#shared/retry';
import { chainEvents } from '../domain/append.ts';
import { GENESIS_HASH } from '../domain/hash-chain.ts';
import type { RecordedEvent } from '../domain/recorded-event.ts';
import type { AppendInput, AppendResult, CreateOutcome, EventStore, ReadPage, StreamHead } from '../ports.ts';
import { eventSk, HEAD_SK, streamKey } from './table-layout.ts';

/** Keys of the one table (DESIGN §4), from the records layout. */
export { eventSk, HEAD_SK, streamKey };

const MAX_TRANSACTION_ITEMS = 100;
const CREATE_CONCURRENCY = 6;

export class DynamoDbEventStore implements EventStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async append(input: AppendInput): Promise<AppendResult> {
    let prevHash = input.prevHash;
    if (prevHash === undefined) {
      if (input.expectedVersion === 0) prevHash = GENESIS_HASH;
      else {
        const head = await this.head(input.stream);
        const current = head?.version ?? 0;
        if (current !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, current);
        prevHash = head?.lastHash ?? GENESIS_HASH;
      }
    }
    const { items, result } = this.prepare(input, prevHash);
    // A write that might still be running when the function answers `timeout` is not started (nothing half-written).
    assertTimeToWrite();
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw await this.cancelled(error, input);
      throw error;
    }
    return result;
  }

  async appendAll(inputs: readonly AppendInput[]): Promise<AppendResult[]> {
    const prepared = await Promise.all(
      inputs.map(async (input) => {
        let prevHash = input.prevHash;
        if (prevHash === undefined && input.expectedVersion === 0) prevHash = GENESIS_HASH;
        if (prevHash === undefined) {
          const head = await this.head(input.stream);
          if ((head?.version ?? 0) !== input.expectedVersion) throw new VersionConflictError(input.expectedVersion, head?.version ?? 0);
          prevHash = head?.lastHash ?? GENESIS_HASH;
        }
        return this.prepare(input, prevHash);
      }),
    );
    const items = prepared.flatMap((p) => p.items);
    if (items.length > MAX_TRANSACTION_ITEMS) throw new Error(`one transaction takes at most ${MAX_TRANSACTION_ITEMS} items`);
    assertTimeToWrite();
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // A guard that failed names its stream's version; a concurrent transaction is retryable like a conflict.
      const failed = inputs.find((_, i) => (error.CancellationReasons ?? [])[offsetOf(prepared, i)]?.Code === 'ConditionalCheckFailed');
      if (failed === undefined) {
        if (!(error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict')) throw error;
        throw new VersionConflictError(inputs[0]?.expectedVersion ?? 0, inputs[0]?.expectedVersion ?? 0);
      }
      throw new VersionConflictError(failed.expectedVersion, await this.currentVersion(failed.stream));
    }
    return prepared.map((p) => p.result);
  }

  /** What a cancelled append means: a version conflict, a concurrent transaction, or a side item present. */
  private async cancelled(error: TransactionCanceledException, input: AppendInput): Promise<Error> {
    const reasons = error.CancellationReasons ?? [];
    const headReason = reasons[0];
    if (headReason?.Code === 'ConditionalCheckFailed') {
      const found = headReason.Item === undefined ? undefined : unmarshall(headReason.Item);
      const head =
        found === undefined ? undefined : { ...headFromItem(found), agency: String(found.agency), updatedAt: String(found.updatedAt) };
      return new VersionConflictError(input.expectedVersion, versionIn(headReason) ?? (await this.currentVersion(input.stream)), head);
    }
    // Real DynamoDB cancels a transaction that meets another on the same item: retryable, like a version conflict.
    if (reasons.some((r) => r.Code === 'TransactionConflict'))
      return new VersionConflictError(input.expectedVersion, input.expectedVersion);
    const offset = 1 + input.events.length;
    const present = (input.sideItems ?? []).filter((_, i) => reasons[offset + i]?.Code === 'ConditionalCheckFailed');
    return present.length > 0 ? new SideItemExistsError(present.map((s) => ({ pk: s.pk, sk: s.sk }))) : error;
  }

  async createMany(inputs: readonly AppendInput[]): Promise<CreateOutcome[]> {
    const outcomes: (CreateOutcome | undefined)[] = new Array(inputs.length).fill(undefined);
    const pending = inputs.map((input, index) => ({
      input,
      index,
      prepared: this.prepare({ ...input, expectedVersion: 0 }, GENESIS_HASH),
    }));
    const chunks: (typeof pending)[] = [];
    let chunk: typeof pending = [];
    let size = 0;
    for (const entry of pending) {
      if (size + entry.prepared.items.length > MAX_TRANSACTION_ITEMS) {
        chunks.push(chunk);
        chunk = [];
        size = 0;
      }
      chunk.push(entry);
      size += entry.prepared.items.length;
    }
    if (chunk.length > 0) chunks.push(chunk);
    // Independent streams: the transactions run side by side, a few at a time.
    const limit = pLimit(CREATE_CONCURRENCY);
    await Promise.all(chunks.map((chunk) => limit(() => this.createChunk(chunk, outcomes))));
    return outcomes as CreateOutcome[];
  }

  private async createChunk(
    chunk: { input: AppendInput; index: number; prepared: { items: TransactWriteItem[]; result: AppendResult } }[],
    outcomes: (CreateOutcome | undefined)[],
  ): Promise<void> {
    // A transaction cancelled by a concurrent one (not by a head that exists) is tried again, with what is left.
    const left = await untilDone(
      chunk,
      async (remaining) => {
        assertTimeToWrite();
        try {
          await this.client.send(new TransactWriteItemsCommand({ TransactItems: remaining.flatMap((e) => e.prepared.items) }));
          for (const e of remaining) outcomes[e.index] = { status: 'created', result: e.prepared.result };
          return [];
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const reasons = error.CancellationReasons ?? [];
          let offset = 0;
          const retry: (typeof remaining)[number][] = [];
          for (const e of remaining) {
            const headReason = reasons[offset];
            offset += e.prepared.items.length;
            if (headReason?.Code === 'ConditionalCheckFailed') {
              const origin = headReason.Item?.origin?.S;
              outcomes[e.index] = origin === undefined ? { status: 'exists' } : { status: 'exists', origin };
            } else retry.push(e);
          }
          return retry;
        }
      },
      { attempts: 9, firstPauseMs: 20, maxExponent: 8 },
    );
    if (left.length > 0) throw new Error('could not create streams after repeated transaction conflicts');
  }

  async existing(streams: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const batches: string[][] = [];
    for (let i = 0; i < streams.length; i += 100) batches.push(streams.slice(i, i + 100));
    const limit = pLimit(CREATE_CONCURRENCY);
    const read = async (batch: string[]) => {
      const left = await untilDone(
        batch.map((stream) => marshall({ pk: streamKey(stream), sk: HEAD_SK })),
        async (keys) => {
          const { Responses, UnprocessedKeys } = await this.client.send(
            new BatchGetItemCommand({
              RequestItems: {
                [this.table]: {
                  Keys: [...keys],
                  ProjectionExpression: '#s',
                  ExpressionAttributeNames: { '#s': 'stream' },
                  ConsistentRead: true,
                },
              },
            }),
          );
          for (const item of Responses?.[this.table] ?? []) found.add(String(unmarshall(item).stream));
          return UnprocessedKeys?.[this.table]?.Keys ?? [];
        },
        { attempts: 10, firstPauseMs: 20, maxExponent: 6 },
      );
      if (left.length > 0) throw new StillUnprocessedError('BatchGetItem (stream heads)', left.length);
    };
    await Promise.all(batches.map((batch) => limit(() => read(batch))));
    return found;
  }

  async head(stream: string): Promise<StreamHead | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: streamKey(stream), sk: HEAD_SK }),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? undefined : headFromItem(unmarshall(Item));
  }

  async read(stream: string, options: { afterSeq?: number; limit?: number } = {}): Promise<ReadPage> {
    const limit = options.limit ?? 100;
    const { Items = [], LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({
          ':pk': streamKey(stream),
          ':from': eventSk((options.afterSeq ?? 0) + 1),
          ':to': eventSk(9_999_999_999),
        }),
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    const events = Items.map((item) => JSON.parse(String(unmarshall(item).event)) as RecordedEvent);
    const last = events.at(-1);
    return LastEvaluatedKey === undefined || last === undefined ? { events } : { events, nextAfterSeq: last.seq };
  }

  private async currentVersion(stream: string): Promise<number> {
    return (await this.head(stream))?.version ?? 0;
  }

  private prepare(input: AppendInput, prevHash: string): { items: TransactWriteItem[]; result: AppendResult } {
    const now = this.clock();
    const events = chainEvents({
      stream: input.stream,
      version: input.expectedVersion,
      prevHash,
      events: input.events,
      actor: input.actor,
      correlationId: input.correlationId,
      now,
    });
    const last = events.at(-1);
    if (last === undefined) throw new Error('an append needs at least one event');
    const pk = streamKey(input.stream);
    const head = {
      pk,
      sk: HEAD_SK,
      kind: 'head',
      stream: input.stream,
      agency: input.agency,
      version: last.seq,
      lastHash: last.hash,
      updatedAt: now.toISOString(),
      ...(input.head?.state === undefined ? {} : { state: JSON.stringify(input.head.state) }),
      ...input.head?.index,
    };
    const guard =
      input.expectedVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : {
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: marshall({ ':expected': input.expectedVersion }),
          };
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: marshall(head, { removeUndefinedValues: true }),
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          ...guard,
        },
      },
      ...events.map(
        (event): TransactWriteItem => ({
          Put: {
            TableName: this.table,
            Item: marshall({
              pk,
              sk: eventSk(event.seq),
              kind: 'event',
              stream: event.stream,
              seq: event.seq,
              type: event.type,
              agency: input.agency,
              recordedAt: event.recordedAt,
              event: JSON.stringify(event),
            }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
      ...(input.sideItems ?? []).map(
        (side): TransactWriteItem => ({
          Put: {
            TableName: this.table,
            Item: marshall({ ...side.attributes, pk: side.pk, sk: side.sk }),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }),
      ),
    ];
    assertFits(input.stream, items);
    return { items, result: { version: last.seq, events } };
  }
}

/** DynamoDB's limits, checked before the write so a too-large record is a 422 and never a failed transaction. */
const MAX_ITEM_BYTES = 400 * 1024;
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
/** Attribute names and type markers are counted too; this margin keeps the estimate on the safe side. */
const ITEM_MARGIN = 8 * 1024;

function assertFits(stream: string, items: readonly TransactWriteItem[]): void {
  let total = 0;
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item.Put?.Item ?? {}));
    if (bytes > MAX_ITEM_BYTES - ITEM_MARGIN) throw new RecordTooLargeError(stream, bytes, MAX_ITEM_BYTES - ITEM_MARGIN);
    total += bytes;
  }
  if (total > MAX_TRANSACTION_BYTES - ITEM_MARGIN) throw new RecordTooLargeError(stream, total, MAX_TRANSACTION_BYTES - ITEM_MARGIN);
}

export function headFromItem(item: Record<string, unknown>): StreamHead {
  return {
    stream: String(item.stream),
    version: Number(item.version),
    lastHash: String(item.lastHash),
    ...(typeof item.state === 'string' ? { state: JSON.parse(item.state) } : {}),
  };
}

/** Where the items of the i-th stream of a multi-stream transaction start. */
function offsetOf(prepared: readonly { items: readonly unknown[] }[], i: number): number {
  return prepared.slice(0, i).reduce((sum, p) => sum + p.items.length, 0);
}

function versionIn(reason: CancellationReason): number | undefined {
  const version = reason.Item?.version?.N;
  return version === undefined ? undefined : Number(version);
}
