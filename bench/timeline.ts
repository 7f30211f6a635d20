/**
 * Case timelines (DESIGN §8): the first page of a 10,000-event case's timeline against a raw Query of the same items
 * in the same run, and verifying that whole chain (read from DynamoDB Local, and in memory alone).
 * Run: npm run bench:timeline
 */
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbEventStore, eventSk, streamKey } from '../functions/records/adapters/dynamodb-event-store.ts';
import { verifyChain } from '../functions/records/domain/hash-chain.ts';
import type { RecordedEvent } from '../functions/records/domain/recorded-event.ts';
import { timelinePage, verifyTimeline } from '../functions/records/domain/timeline.ts';
import { benchTable, median } from './support.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = 31;
const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

const { client, table, stop } = await benchTable();
try {
  const store = new DynamoDbEventStore(client, table);
  const stream = 'case/bench-10k';
  // A realistic event body: a statement of a few hundred characters, as case officers record them.
  const statement = '当事人陈述：对检查发现的问题无异议，已于当日下架全部过期商品并组织自查整改。'.repeat(6);
  const loadStart = performance.now();
  for (let version = 0; version < EVENTS; version += 99) {
    const n = Math.min(99, EVENTS - version);
    await store.append({
      stream,
      expectedVersion: version,
      events: Array.from({ length: n }, () => ({ type: 'Cases.StatementRecorded', version: 1, data: { statement } })),
      actor: { id: 'officer-1', role: 'case-officer', agency: 'SAMR-110105' },
      agency: 'SAMR-110105',
      correlationId: 'bench',
    });
  }
  console.log(`${EVENTS.toLocaleString('en')} events appended in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

  const rawQuery = (limit: number) => () =>
    client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: marshall({ ':pk': streamKey(stream), ':from': eventSk(1), ':to': eventSk(9_999_999_999) }),
        Limit: limit,
        ConsistentRead: true,
      }),
    );
  const rows: string[] = [];
  for (const limit of [20, 100]) {
    const raw: number[] = [];
    const page: number[] = [];
    // Interleaved, after a warm-up, so that both see the same machine.
    for (let r = 0; r < ROUNDS + 3; r += 1) {
      const a = await time(rawQuery(limit));
      const b = await time(async () => {
        const p = await timelinePage(store, [stream], limit);
        if (p.events.length !== limit || p.cursor === undefined) throw new Error('short page');
      });
      if (r >= 3) {
        raw.push(a);
        page.push(b);
      }
    }
    rows.push(
      `| first page, limit ${limit} | ${median(raw).toFixed(2)} | ${median(page).toFixed(2)} | ${(median(page) / median(raw)).toFixed(2)} |`,
    );
  }
  console.log(`\nFirst timeline page of a ${EVENTS.toLocaleString('en')}-event case, median of ${ROUNDS} interleaved rounds`);
  console.log('| measure | raw Query ms | timeline page ms | ratio (target ≤ 1.2) |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);

  const all: RecordedEvent[] = [];
  const verifyRuns: number[] = [];
  for (let r = 0; r < 5; r += 1) {
    verifyRuns.push(
      await time(async () => {
        const check = await verifyTimeline(store, [stream]);
        if (!check.ok || check.streams[0]?.checked !== EVENTS) throw new Error(`verify: ${JSON.stringify(check)}`);
      }),
    );
  }
  for (let afterSeq: number | undefined = 0; afterSeq !== undefined; ) {
    const p = await store.read(stream, { afterSeq, limit: 1000 });
    all.push(...p.events);
    afterSeq = p.nextAfterSeq;
  }
  const pure: number[] = [];
  for (let r = 0; r < 7; r += 1) {
    pure.push(
      await time(async () => {
        if (!verifyChain(all).ok) throw new Error('chain broken');
      }),
    );
  }
  console.log(`\nVerifying the whole chain of ${EVENTS.toLocaleString('en')} events (SHA-256 over RFC 8785 JSON of each)`);
  console.log('| measure | median ms |');
  console.log('|---|---|');
  console.log(`| in memory: recompute every hash (target < 150 ms) | ${median(pure).toFixed(0)} |`);
  console.log(
    `| end to end: read all pages from DynamoDB Local and recompute (GET …/timeline/verify without HTTP) | ${median(verifyRuns).toFixed(0)} |`,
  );
} finally {
  await stop();
}
