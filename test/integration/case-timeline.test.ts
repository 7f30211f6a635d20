import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { allEvents } from '#records/domain/read-all';
import { timelinePage, verifyTimeline } from '#records/domain/timeline';
import { freshTables } from '../support/dynamodb.ts';

describe('a long case timeline on DynamoDB Local', () => {
  let client: DynamoDBClient;
  let store: DynamoDbEventStore;
  const stream = 'case/long';
  beforeAll(async () => {
    const fresh = await freshTables('timeline');
    client = fresh.client;
    store = new DynamoDbEventStore(client, fresh.table);
    // 1,500 events of about 1.5 KB: over the 1 MB a single Query page returns.
    const statement = '当事人陈述申辩意见。'.repeat(50);
    for (let version = 0; version < 1500; version += 99) {
      await store.append({
        stream,
        expectedVersion: version,
        events: Array.from({ length: Math.min(99, 1500 - version) }, () => ({
          type: 'Cases.StatementRecorded',
          version: 1,
          data: { statement },
        })),
        actor: { id: 'o', role: 'case-officer', agency: 'A' },
        agency: 'A',
        correlationId: 'c',
      });
    }
  }, 120_000);
  afterAll(() => client.destroy());

  it('exports every event, across the store’s 1 MB pages, in order', async () => {
    const all = await allEvents(store, [stream, 'case/none']);
    expect(all).toHaveLength(1500);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 1500 }, (_, i) => i + 1));
  });

  it('pages the timeline with a cursor and verifies the whole chain', async () => {
    const first = await timelinePage(store, [stream], 100);
    expect(first.events).toHaveLength(100);
    expect(first.cursor).toBeDefined();
    expect(await verifyTimeline(store, [stream])).toMatchObject({ ok: true, streams: [{ checked: 1500 }] });
  });
});
