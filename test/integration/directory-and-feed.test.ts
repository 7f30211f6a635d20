import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listRecords, registerRecord } from '#directory/domain/directory-commands';
import { type EntityState, entityKind } from '#directory/domain/record-kinds';
import { EntityBody } from '#directory/schemas';
import { DynamoDbActivityFeed } from '#records/adapters/dynamodb-activity-feed';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { BadCursorError } from '#shared/errors';
import { entityInput } from '../support/directory-fixtures.ts';
import { freshTables } from '../support/dynamodb.ts';

const ctx = { actor: { id: 'u1', role: 'admin', agency: 'A' }, agency: 'A', correlationId: 'c' };

describe('directory lists on DynamoDB Local', () => {
  let client: DynamoDBClient;
  let deps: { store: DynamoDbEventStore; reader: DynamoDbHeadReader };
  beforeAll(async () => {
    const t = await freshTables('directory');
    client = t.client;
    deps = { store: new DynamoDbEventStore(client, t.table), reader: new DynamoDbHeadReader(client, t.table) };
    for (let i = 1; i <= 25; i += 1) {
      const region = i % 2 === 0 ? '110105' : '440305';
      const industry = i % 3 === 0 ? 'C13' : 'F52';
      await registerRecord(deps, entityKind, ctx, EntityBody.parse(entityInput(i, { region, industry })) as EntityState);
    }
    await registerRecord(deps, entityKind, { ...ctx, agency: 'B' }, EntityBody.parse(entityInput(99)) as EntityState);
  });
  afterAll(() => client.destroy());

  it('pages through every entity of the agency exactly once, and none of another agency', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRecords<EntityState>(deps, { index: 'gsi1', partition: 'ENTITY#A', limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.uscc));
      cursor = page.cursor;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('filters by industry and region prefix through the second index', async () => {
    const page = await listRecords<EntityState>(deps, { index: 'gsi2', partition: 'ENTITY#A#C13', prefix: '4403', limit: 100 });
    expect(page.items.map((e) => [e.industry, e.region])).toEqual(Array(4).fill(['C13', '440305']));
  });

  it('refuses a cursor made for another list', async () => {
    const page = await listRecords(deps, { index: 'gsi1', partition: 'ENTITY#A', limit: 5 });
    await expect(listRecords(deps, { index: 'gsi1', partition: 'ENTITY#B', limit: 5, cursor: page.cursor })).rejects.toBeInstanceOf(
      BadCursorError,
    );
  });
});

describe('the activity feed on DynamoDB Local', () => {
  it('keeps one entry per stream and seq however often an event is delivered', async () => {
    const { client, table } = await freshTables('feed');
    const feed = new DynamoDbActivityFeed(client, table);
    const entry = {
      agency: 'A',
      stream: 'entity/A/x',
      seq: 1,
      type: 'Directory.EntityRegistered',
      occurredAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:00.000Z',
      actor: { id: 'u', role: 'admin', agency: 'A' },
      correlationId: 'c',
      hash: 'a'.repeat(64),
    };
    expect(await feed.record(entry)).toBe(true);
    expect(await feed.record(entry)).toBe(false);
    expect((await feed.list('A', 10)).items).toEqual([entry]);
    client.destroy();
  });
});
