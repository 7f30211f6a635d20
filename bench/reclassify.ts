/**
 * The monthly re-classification (issue 13) over many profiles in DynamoDB Local, against a bare read and write of the
 * same items in the same run. Each of N entities of one agency has its directory record and a fine posted by another
 * department; a first re-classification records each one's class (B). Then, 37 months on, every fine has decayed and
 * every class changes back to A:
 * - re-classification: `reclassifyMonthly` (the schedule's use case, 8 side by side): per entity the class head, the
 *   entity's record and events, its six lists (inspections, cases, listings, overrides, objections, repairs), its
 *   external record, the profile, and a `Credit.ClassChanged` appended with the new head;
 * - bare: the same reads as raw SDK calls (GetItem, Query), all side by side, then the same write (one
 *   TransactWriteItems of an event item and a head item), 8 entities side by side, no parsing, folding or hashing.
 * Reported: bare seconds / re-classification seconds (goal ≥ 0.8), each the median of BENCH_ROUNDS rounds (default 1;
 * the bare pass rewrites a scratch head so that it never changes what the next round reads).
 * Run: npm run bench:reclassify   (BENCH_PROFILES entities, default 100,000)
 */
import {
  type AttributeValue,
  GetItemCommand,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import pLimit from 'p-limit';
import { EntityRegistered } from '../events/directory/entity-registered.v1.ts';
import { ExternalPenaltyDecision } from '../events/external/external-events.v1.ts';
import { casesAbout } from '../functions/cases/adapters/table-layout.ts';
import {
  classesOf,
  classStream,
  listingsAbout,
  objectionsAbout,
  overridesAbout,
  repairsAbout,
} from '../functions/credit/adapters/table-layout.ts';
import { reclassifyEntity, reclassifyMonthly } from '../functions/credit/domain/classification-commands.ts';
import type { CreditDeps } from '../functions/credit/ports.ts';
import { creditSettings } from '../functions/credit/settings.ts';
import { agencyIndex, entityIndex, entityStream } from '../functions/directory/adapters/table-layout.ts';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { externalRecordStream } from '../functions/ingest/adapters/table-layout.ts';
import { inspectionsAbout } from '../functions/inspections/adapters/table-layout.ts';
import { DynamoDbEventStore, HEAD_SK, streamKey } from '../functions/records/adapters/dynamodb-event-store.ts';
import { DynamoDbHeadReader } from '../functions/records/adapters/dynamodb-head-reader.ts';
import { officialCalendar } from '../functions/shared/working-days.ts';
import { benchTable, median } from './support.ts';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const CONCURRENCY = 8;
const agency = 'BENCH';
const actor = { id: 'bench', role: 'system' as const, agency };
const seconds = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};

const { client, table, stop } = await benchTable();
try {
  const store = new DynamoDbEventStore(client, table);
  const reader = new DynamoDbHeadReader(client, table);
  let today = '2026-05-10';
  const deps: CreditDeps = {
    store,
    reader,
    today: () => today,
    calendar: await officialCalendar(),
    settings: creditSettings({}),
    access: { record: async () => undefined },
  };
  const ids = Array.from({ length: PROFILES }, (_, i) => withCheckCharacter(`91110105${String(i).padStart(9, '0')}`));
  const limit = pLimit(32);
  const started = performance.now();
  await store.append({
    stream: `agency/${agency}`,
    expectedVersion: 0,
    events: [{ type: 'Directory.AgencyRegistered', version: 1, data: { code: agency, name: 'bench', region: '110105' } }],
    actor,
    agency,
    correlationId: 'bench',
    head: { state: { code: agency, name: 'bench', region: '110105' }, index: agencyIndex({ code: agency }) },
  });
  // Each entity: its directory record, another department's fine of 200,000 yuan, and its first class (B).
  await Promise.all(
    ids.map((uscc, i) =>
      limit(async () => {
        const entity = { ...EntityRegistered.example, uscc, name: `企业${i}`, creditClass: 'A' as const };
        await store.append({
          stream: entityStream(agency, uscc),
          expectedVersion: 0,
          events: [{ type: EntityRegistered.DETAIL_TYPE, version: 1, data: entity }],
          actor,
          agency,
          correlationId: 'bench',
          head: { state: entity, index: entityIndex(agency, entity) },
        });
        const fine = {
          ...ExternalPenaltyDecision.example,
          id: `fine-${i}`,
          subject: uscc,
          data: { ...ExternalPenaltyDecision.example.data, decidedOn: '2026-05-06', penalty: { types: ['fine'], fine: 200_000 } },
        };
        await store.append({
          stream: externalRecordStream(agency, uscc),
          expectedVersion: 0,
          events: [{ type: ExternalPenaltyDecision.DETAIL_TYPE, version: 1, data: fine, occurredAt: '2026-05-06T02:00:00.000Z' }],
          actor,
          agency,
          correlationId: 'bench',
          head: { state: { subject: uscc }, index: {} },
        });
        await reclassifyEntity(deps, { agency, uscc }, { kind: 'rebuild' }, 'bench');
      }),
    ),
  );
  console.log(`seeded ${PROFILES.toLocaleString('en')} profiles (class B) in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  /** The bare pass: the same reads and one write per entity, raw. */
  const bare = async () => {
    const run = pLimit(CONCURRENCY);
    // The class list, page by page, as the monthly run reads it.
    let listed = 0;
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page: QueryCommandOutput = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: marshall({ ':p': classesOf(agency).partition }),
          Limit: 100,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      listed += page.Items?.length ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    const query = (IndexName: string | undefined, pk: string, name = 'pk') =>
      client.send(
        new QueryCommand({
          TableName: table,
          ...(IndexName === undefined ? {} : { IndexName }),
          KeyConditionExpression: `${name} = :p`,
          ExpressionAttributeValues: marshall({ ':p': pk }),
        }),
      );
    await Promise.all(
      ids.map((uscc) =>
        run(async () => {
          // Every read side by side (the class head, the entity's record and events, its external record, its six
          // lists), then the write: the least a re-classification can cost.
          const lists = [inspectionsAbout, casesAbout, listingsAbout, overridesAbout, repairsAbout, objectionsAbout].map((l) =>
            l(agency, uscc),
          );
          await Promise.all([
            client.send(new GetItemCommand({ TableName: table, Key: marshall({ pk: streamKey(classStream(agency, uscc)), sk: HEAD_SK }) })),
            client.send(
              new GetItemCommand({ TableName: table, Key: marshall({ pk: streamKey(entityStream(agency, uscc)), sk: HEAD_SK }) }),
            ),
            ...lists.map((l) => query(l.index, l.partition, `${l.index}pk`)),
            query(undefined, streamKey(entityStream(agency, uscc))),
            query(undefined, streamKey(externalRecordStream(agency, uscc))),
          ]);
          const scratch = streamKey(`bench-scratch/${uscc}`);
          await client.send(
            new TransactWriteItemsCommand({
              TransactItems: [
                { Put: { TableName: table, Item: marshall({ pk: scratch, sk: `E#${Date.now()}`, data: '{"to":"A"}' }) } },
                { Put: { TableName: table, Item: marshall({ pk: scratch, sk: HEAD_SK, state: '{"class":"A"}' }) } },
              ],
            }),
          );
        }),
      ),
    );
    return listed;
  };

  const bareTimes: number[] = [];
  const ownTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    bareTimes.push(await seconds(bare));
    // 37 months on every fine has decayed to 0: each class changes (B -> A, then A -> B again by moving back).
    today = round % 2 === 0 ? '2029-06-01' : '2026-05-10';
    let totals: Awaited<ReturnType<typeof reclassifyMonthly>>['totals'] | undefined;
    ownTimes.push(
      await seconds(async () => {
        totals = (await reclassifyMonthly(deps, 'bench', { concurrency: CONCURRENCY })).totals;
      }),
    );
    if (totals?.changed !== PROFILES || totals.failed !== 0) throw new Error(`round ${round}: ${JSON.stringify(totals)}`);
  }
  const bareS = median(bareTimes);
  const ownS = median(ownTimes);
  console.log(`\n| pass (${PROFILES.toLocaleString('en')} profiles, ${CONCURRENCY} side by side) | median s | profiles/s |`);
  console.log('|---|---|---|');
  console.log(`| bare: the same reads and one write, raw SDK | ${bareS.toFixed(1)} | ${(PROFILES / bareS).toFixed(0)} |`);
  console.log(`| re-classification (reclassifyMonthly) | ${ownS.toFixed(1)} | ${(PROFILES / ownS).toFixed(0)} |`);
  console.log(`\nbare / re-classification: ${(bareS / ownS).toFixed(2)} (goal >= 0.8), ${ROUNDS} round(s)`);
} finally {
  await stop();
}
