import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbEventStore, eventSk, streamKey } from '#records/adapters/dynamodb-event-store';
import { verifyChain } from '#records/domain/hash-chain';
import type { RecordedEvent } from '#records/domain/recorded-event';
import type { AppendInput } from '#records/ports';
import { VersionConflictError } from '#shared/errors';
import { freshTables } from '../support/dynamodb.ts';

const actor = { id: 'u1', role: 'case-officer', agency: 'SAMR-110105' };
const input = (stream: string, expectedVersion: number, n = 1, prevHash?: string): AppendInput => ({
  stream,
  expectedVersion,
  ...(prevHash === undefined ? {} : { prevHash }),
  events: Array.from({ length: n }, (_, i) => ({ type: 'Test.Happened', version: 1, data: { n: expectedVersion + i + 1 } })),
  actor,
  correlationId: 'corr',
  agency: 'SAMR-110105',
});

async function readAll(store: DynamoDbEventStore, stream: string, limit = 7): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let afterSeq: number | undefined;
  do {
    const page = await store.read(stream, { ...(afterSeq === undefined ? {} : { afterSeq }), limit });
    all.push(...page.events);
    afterSeq = page.nextAfterSeq;
  } while (afterSeq !== undefined);
  return all;
}

describe('the DynamoDB event store', () => {
  let client: DynamoDBClient;
  let table: string;
  let store: DynamoDbEventStore;
  beforeAll(async () => {
    ({ client, table } = await freshTables('store'));
    store = new DynamoDbEventStore(client, table);
  });
  afterAll(() => client.destroy());

  it('appends in one transaction and reads the stream back in pages, chained', async () => {
    const stream = 'case/paged';
    let version = 0;
    for (let i = 0; i < 5; i += 1) version = (await store.append(input(stream, version, 4))).version;
    const events = await readAll(store, stream, 7);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(verifyChain(events)).toMatchObject({ ok: true, checked: 20 });
    expect(await store.head(stream)).toMatchObject({ version: 20, lastHash: events[19]?.hash });
  });

  it('lets exactly one of two concurrent appends win; the other learns the current version', async () => {
    const stream = 'case/race';
    await store.append(input(stream, 0));
    const results = await Promise.allSettled([store.append(input(stream, 1, 2)), store.append(input(stream, 1, 3))]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ version: number }>).value.version;
    expect(lost[0]?.reason).toEqual(new VersionConflictError(1, winner));
    expect(verifyChain(await readAll(store, stream)).ok).toBe(true);
  });

  it('refuses a stale expected version even when the caller supplies the old last hash', async () => {
    const stream = 'case/stale';
    const first = await store.append(input(stream, 0));
    await store.append(input(stream, 1));
    await expect(store.append(input(stream, 1, 1, first.events[0]?.hash))).rejects.toEqual(new VersionConflictError(1, 2));
  });

  it('names the event that was edited behind the store’s back', async () => {
    const stream = 'case/tampered';
    await store.append(input(stream, 0, 5));
    const events = await readAll(store, stream);
    const forged = { ...events[2], data: { n: 999 } };
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ pk: streamKey(stream), sk: eventSk(3) }),
        UpdateExpression: 'SET #e = :e',
        ExpressionAttributeNames: { '#e': 'event' },
        ExpressionAttributeValues: marshall({ ':e': JSON.stringify(forged) }),
      }),
    );
    expect(verifyChain(await readAll(store, stream))).toMatchObject({ ok: false, brokenAt: { seq: 3, reason: 'hash-mismatch' } });
  });

  it('creates many new streams in few transactions and reports the ones that already exist', async () => {
    await store.append(input('bulk/7', 0));
    const inputs = Array.from({ length: 120 }, (_, i) => input(`bulk/${i}`, 0));
    const outcomes = await store.createMany(inputs);
    expect(outcomes.filter((o) => o.status === 'created')).toHaveLength(119);
    expect(outcomes[7]).toEqual({ status: 'exists' });
    expect(await store.head('bulk/119')).toMatchObject({ version: 1 });
    expect(await store.existing(['bulk/7', 'bulk/0', 'never/made'])).toEqual(new Set(['bulk/7', 'bulk/0']));
  });

  it('appends to several streams in one transaction: all of them, or none when one guard fails', async () => {
    await store.append(input('watch/1', 0));
    const [watch, alert] = await store.appendAll([input('watch/1', 1), input('alert/1', 0, 2)]);
    expect([watch?.version, alert?.version]).toEqual([2, 2]);
    expect(verifyChain(await readAll(store, 'watch/1'))).toMatchObject({ ok: true });
    // A stale guard on the watch: the new alert is not written either.
    await expect(store.appendAll([input('watch/1', 1), input('alert/2', 0)])).rejects.toMatchObject({
      constructor: VersionConflictError,
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(await store.head('alert/2')).toBeUndefined();
    expect((await store.head('watch/1'))?.version).toBe(2);
    // An alert that exists already: the watch is not written either.
    await expect(store.appendAll([input('watch/1', 2), input('alert/1', 0)])).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store.head('watch/1'))?.version).toBe(2);
  });
});
