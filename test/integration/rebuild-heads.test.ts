import { type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { type CaseRecord, openCase } from '#cases/domain/case-record';
import { give } from '#cases/domain/commands';
import { publish, withdraw } from '#cases/domain/decision-publicity';
import { appendCase } from '#cases/domain/workflows';
import { objectionIndex, objectionStream, objectionsAbout, pendingOf } from '#credit/adapters/table-layout';
import { CREDIT_CLOCK_DEFAULTS } from '#credit/domain/credit-clocks';
import { fileObjection } from '#credit/domain/objections';
import { registerRecord, updateRecord } from '#directory/domain/directory-commands';
import { type EntityState, entityKind } from '#directory/domain/record-kinds';
import { EntityBody } from '#directory/schemas';
import { assignedInspection } from '#inspections/domain/assign';
import { complete, recordAnswers, recordFinding, recordResult, start } from '#inspections/domain/inspection';
import { DynamoDbEventStore, HEAD_SK, streamKey } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { officialCalendar } from '#shared/working-days';
import { rebuildHeads } from '../../scripts/rebuild-heads.ts';
import { entityInput } from '../support/directory-fixtures.ts';
import { freshTables } from '../support/dynamodb.ts';

const actor = { id: 'sup-1', role: 'supervisor', agency: 'A' };
const ctx = { actor, agency: 'A', correlationId: 'c' };

/**
 * `npm run rebuild-heads` on DynamoDB Local (DESIGN §4: the head is a cache of the fold): streams of several contexts
 * written by their own commands refold to exactly their heads; a head changed behind the store's back is found,
 * named by its first differing field, and rewritten from the events.
 */
describe('rebuild-heads refolds every stream on DynamoDB Local', () => {
  let client: DynamoDBClient;
  let table: string;
  let store: DynamoDbEventStore;

  beforeAll(async () => {
    const t = await freshTables('refold');
    client = t.client;
    table = t.table;
    store = new DynamoDbEventStore(client, table);
    const deps = { store, reader: new DynamoDbHeadReader(client, table) };
    // Directory: an entity registered, then changed.
    const entity = EntityBody.parse(entityInput(1)) as EntityState;
    await registerRecord(deps, entityKind, ctx, entity);
    await updateRecord(deps, entityKind, ctx, entity.uscc, 1, { name: '改名后的商店', flags: ['abnormal-operations'] });
    // Inspections: assigned, started, answered, a finding, a result, completed (with the case clue it raises).
    const assigned = assignedInspection({
      task: { id: 'task-1', ownerAgency: 'A', items: ['SC-1'], period: { start: '2026-04-01', end: '2026-06-30' } },
      drawId: 'draw-1',
      assignment: { entity: entity.uscc, inspectors: ['i1', 'i2'], shortfalls: [] },
      entity: { uscc: entity.uscc, name: entity.name, address: entity.address, region: entity.region },
      checklists: [
        { item: 'SC-1', name: '检查', legalBasis: '《食品安全法》', questions: [{ id: 'q1', question: '许可证?', mandatory: true }] },
      ],
      agencyOf: () => 'A',
      correlationId: 'c',
    });
    await store.append(assigned);
    let state = assigned.head?.state as Parameters<typeof start>[0];
    let version = 1;
    const inspector = { id: 'i1', role: 'inspector', agency: 'A' };
    for (const step of [
      (s: typeof state) => start(s, { at: '2026-04-02T01:00:00.000Z', channel: 'mobile-form', inspectors: ['i1', 'i2'] }, 'i1'),
      (s: typeof state) => recordAnswers(s, [{ item: 'SC-1', question: 'q1', answer: 'no' }], '2026-04-02T01:05:00.000Z', 'i1'),
      (s: typeof state) => recordFinding(s, { findingId: 'f-1', text: '许可证已过期' }, '2026-04-02T01:06:00.000Z', 'i1'),
      (s: typeof state) => recordResult(s, { result: 'non-compliant', summary: '无证经营' }, '2026-04-02T01:07:00.000Z'),
      (s: typeof state) => complete(s, '2026-04-02T01:08:00.000Z'),
    ]) {
      const decided = step(state);
      const appended = await store.append({
        stream: assigned.stream,
        expectedVersion: version,
        events: decided.events,
        actor: inspector,
        agency: 'A',
        correlationId: 'c',
        head: { state: decided.state },
      });
      version = appended.version;
      state = decided.state;
    }
    // Cases: a clue registered, and a publication published then withdrawn.
    const opened = openCase({
      caseId: 'case-1',
      agency: 'A',
      jurisdiction: '110105',
      entity: entity.uscc,
      party: { kind: 'organisation', name: '示例公司' },
      source: { kind: 'complaint', ref: '' },
      summary: '举报',
      clueOn: '2026-04-03',
    });
    await appendCase({ store, today: () => '2026-04-03', calendar: await officialCalendar() }, opened.state, {
      expectedVersion: 0,
      events: opened.events,
      actor,
      correlationId: 'c',
    });
    const registered = give(
      opened.state as CaseRecord,
      'register',
      {},
      { id: 'u-1', roles: ['supervisor'] },
      { today: '2026-04-03', calendar: await officialCalendar() },
    );
    await appendCase({ store, today: () => '2026-04-03', calendar: await officialCalendar() }, registered.state, {
      expectedVersion: 1,
      events: registered.events,
      actor,
      correlationId: 'c',
    });
    const decidedCase = {
      ...registered.state,
      decision: {
        on: '2026-04-10',
        penalty: { types: ['fine'], fine: 500, violationCode: 'FOOD-35', level: 'lighter' },
        reason: '',
        major: [],
      },
    } as CaseRecord;
    const published = publish(decidedCase, '2026-04-10');
    await store.append({
      stream: 'publication/case-1',
      expectedVersion: 0,
      events: published.events,
      actor,
      agency: 'A',
      correlationId: 'c',
      head: { state: published.state },
    });
    const withdrawn = withdraw(published.state, '2026-04-11', 'revoked');
    await store.append({
      stream: 'publication/case-1',
      expectedVersion: 1,
      events: withdrawn.events,
      actor,
      agency: 'A',
      correlationId: 'c',
      head: { state: withdrawn.state },
    });
  }, 60_000);
  afterAll(() => client.destroy());

  it('finds every head to be the fold of its events', async () => {
    const report = await rebuildHeads({ client, table, rewrite: false });
    expect(report.differing).toEqual([]);
    expect(report.unknown).toEqual([]);
    expect(report.byPrefix).toEqual({ 'entity/': 1, 'inspection/': 1, 'case/': 1, 'publication/': 1 });
  });

  it('names a head changed behind the store’s back, and rewrites it from the events', async () => {
    const head = await store.head(`inspection/task-1~${EntityBody.parse(entityInput(1)).uscc}`);
    const tampered = { ...(head?.state as Record<string, unknown>), status: 'assigned' };
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ pk: streamKey(head?.stream ?? ''), sk: HEAD_SK }),
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: marshall({ ':s': JSON.stringify(tampered) }),
      }),
    );
    const found = await rebuildHeads({ client, table, rewrite: false });
    expect(found.differing).toEqual([{ stream: head?.stream, field: 'status', stored: 'assigned', folded: 'completed' }]);
    const rebuilt = await rebuildHeads({ client, table, rewrite: true });
    expect(rebuilt.rewritten).toBe(1);
    expect((await rebuildHeads({ client, table, rewrite: false })).differing).toEqual([]);
    expect((await store.head(head?.stream ?? ''))?.state).toEqual(head?.state);
  });

  it('puts the heads written before an index existed on it: an objection waiting on the agency’s pending list', async () => {
    const filed = fileObjection(
      {
        objectionId: 'objection-old',
        agency: 'A',
        uscc: EntityBody.parse(entityInput(1)).uscc,
        target: { kind: 'factor', stream: 'case/case-1', seq: 1 },
        reason: '非本企业',
        today: '2026-04-20',
      },
      await officialCalendar(),
      CREDIT_CLOCK_DEFAULTS,
    );
    // As a version before the pending list wrote it: the head by entity and on the clock index only.
    const before = objectionIndex(filed.state, filed.state.deadlines[0]?.due);
    expect(Object.keys(before)).not.toContain('gsi2pk');
    await store.append({
      stream: objectionStream('objection-old'),
      expectedVersion: 0,
      events: filed.events,
      actor,
      agency: 'A',
      correlationId: 'c',
      head: { state: filed.state, index: before },
    });
    const reader = new DynamoDbHeadReader(client, table);
    expect((await reader.list({ ...pendingOf('A'), limit: 10 })).items).toEqual([]);
    const found = await rebuildHeads({ client, table, rewrite: false });
    expect(found.differing).toEqual([expect.objectContaining({ stream: objectionStream('objection-old'), field: '(index)' })]);
    const rebuilt = await rebuildHeads({ client, table, rewrite: true });
    expect(rebuilt.rewritten).toBe(1);
    expect((await rebuildHeads({ client, table, rewrite: false })).differing).toEqual([]);
    const pending = await reader.list({ ...pendingOf('A'), limit: 10 });
    expect(pending.items.map((h) => h.stream)).toEqual([objectionStream('objection-old')]);
    // The state and the other keys are what they were.
    expect((await store.head(objectionStream('objection-old')))?.state).toEqual(filed.state);
    expect((await reader.list({ ...objectionsAbout('A', filed.state.uscc), limit: 10 })).items).toHaveLength(1);
  });
});
