/**
 * The draw (DESIGN §8): (1) the pure draw over 1,000,000 ids in memory; (2) a whole draw over a 100,000-entity
 * population read from DynamoDB Local, against a bare paginated read of the same keys in the same run.
 * Run: npm run bench:draw
 */
import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { DynamoDbBlobStore } from '../functions/records/adapters/dynamodb-blob-store.ts';
import { DynamoDbEventStore, HEAD_SK, streamKey } from '../functions/records/adapters/dynamodb-event-store.ts';
import { DynamoDbSamplingReads } from '../functions/sampling/adapters/dynamodb-sampling-reads.ts';
import { drawStratum } from '../functions/sampling/domain/draw.ts';
import { createTask, drawTask } from '../functions/sampling/domain/task-commands.ts';
import { benchTable, median } from './support.ts';

const POPULATION = Number(process.env.BENCH_POPULATION ?? 100_000);
const IN_MEMORY = 1_000_000;
const time = async (f: () => Promise<unknown> | unknown) => {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
};

// 1. Pure draw over 1,000,000 ids, rate 500 bp (k = 50,000): sorting, hashing and the partial shuffle.
const ids = Array.from({ length: IN_MEMORY }, (_, i) => withCheckCharacter(`91110105${String(i).padStart(9, '0')}`));
const seed = randomBytes(32);
const pure = [];
for (let r = 0; r < 5; r += 1)
  pure.push(await time(() => drawStratum(seed, 'bench', 'witness', { name: 'A', rateBp: 500, population: ids })));
console.log(
  `pure draw over ${IN_MEMORY.toLocaleString('en')} ids (k = 50,000): median ${median(pure).toFixed(3)} s of 5 runs (target < 0.3 s)`,
);

// 2. A draw over 100,000 entities in DynamoDB Local.
const { client, table, stop } = await benchTable();
try {
  const agency = 'BENCH';
  const heads = Array.from({ length: POPULATION }, (_, i) => {
    const uscc = ids[i] as string;
    const state = { uscc, name: `企业${i}`, industry: 'F52', region: '110105', address: '地址', creditClass: 'ABCD'[i % 4], flags: [] };
    return {
      pk: streamKey(`entity/${agency}/${uscc}`),
      sk: HEAD_SK,
      kind: 'head',
      stream: `entity/${agency}/${uscc}`,
      agency,
      version: 1,
      lastHash: '0'.repeat(64),
      updatedAt: '2026-01-01T00:00:00.000Z',
      state: JSON.stringify(state),
      gsi1pk: `ENTITY#${agency}`,
      gsi1sk: `110105#${uscc}`,
    };
  });
  const extra = [
    ...['i1', 'i2', 'i3', 'i4'].map((id) => ({
      pk: streamKey(`inspector/${agency}/${id}`),
      sk: HEAD_SK,
      stream: `inspector/${agency}/${id}`,
      agency,
      version: 1,
      lastHash: '0'.repeat(64),
      state: JSON.stringify({ id, conflicts: [] }),
      gsi1pk: `INSPECTOR#${agency}`,
      gsi1sk: id,
    })),
    {
      pk: streamKey('inspection-item/X1'),
      sk: HEAD_SK,
      stream: 'inspection-item/X1',
      agency,
      version: 1,
      lastHash: '0'.repeat(64),
      state: JSON.stringify({ code: 'X1', owningAgencies: [agency] }),
    },
  ];
  const all = [...heads, ...extra];
  for (let i = 0; i < all.length; i += 25 * 8) {
    await Promise.all(
      Array.from({ length: 8 }, async (_, j) => {
        let pending = all.slice(i + j * 25, i + (j + 1) * 25).map((item) => ({ PutRequest: { Item: marshall(item) } }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }),
    );
  }
  const bareRead = async () => {
    let start: QueryCommandInput['ExclusiveStartKey'];
    let count = 0;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :p',
          ExpressionAttributeValues: marshall({ ':p': `ENTITY#${agency}` }),
          ProjectionExpression: '#s',
          ExpressionAttributeNames: { '#s': 'state' },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    if (count !== POPULATION) throw new Error(`read ${count}`);
  };
  const deps = {
    store: new DynamoDbEventStore(client, table),
    reads: new DynamoDbSamplingReads(client, table),
    blobs: new DynamoDbBlobStore(client, table),
    clock: () => new Date(),
    randomBytes,
  };
  const ctx = { actor: { id: 'bench', role: 'supervisor', agency }, agency, correlationId: 'bench', jurisdiction: '110105' };
  const reads: number[] = [];
  const draws: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    reads.push(await time(bareRead));
    const task = await createTask(deps, ctx, {
      name: `bench ${r}`,
      items: ['X1'],
      population: {},
      partnerAgencies: [],
      ratesBp: { A: 100, B: 100, C: 100, D: 100 },
      teams: [{ agency, count: 2 }],
      period: { start: '2026-01-01', end: '2026-12-31' },
    });
    draws.push(await time(() => drawTask(deps, ctx, task.id, `bench witness ${r}`)));
  }
  console.log(
    `\n${POPULATION.toLocaleString('en')} entities in DynamoDB Local, rates 100 bp per class (1,000 selected, 2 inspectors each), 3 rounds`,
  );
  console.log('| measure | median seconds |');
  console.log('|---|---|');
  console.log(`| bare paginated read of the population (Query on gsi1, state only) | ${median(reads).toFixed(2)} |`);
  console.log(
    `| whole draw: population, exclusions, pool, conflicts, draw, proof and populations stored, event appended | ${median(draws).toFixed(2)} |`,
  );
  console.log(`\nratio draw / bare read = ${(median(draws) / median(reads)).toFixed(2)} (target ≤ 1.2)`);
} finally {
  await stop();
}
