/**
 * Entity import rate: a file through the import job (POST /entities/imports, then its progress until completed)
 * on the local runtime, against raw TransactWriteItems of the same two items per row (the event and the stream
 * head, same attributes, same condition) in transactions of 50 rows with the same number of concurrent writers,
 * in one run. Each phase gets a fresh local runtime with an empty DynamoDB Local (an in-memory table slows as it fills,
 * so a phase that ran second would be measured on a fuller one); both leave the same event items for the outbox and
 * the activity feed, which run during both.
 * Run: npm run bench:import   (BENCH_ROWS, default 100000)
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient, type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { importAndWait } from './import-file.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
/** What createMany runs side by side (dynamodb-event-store.ts CREATE_CONCURRENCY). */
const CONCURRENCY = 6;
const ROWS_PER_TRANSACTION = 50;
const root = resolve(import.meta.dirname, '..');

const row = (i: number) => ({
  uscc: withCheckCharacter(`91110105${String(i).padStart(9, '0')}`),
  name: `基准企业${i}有限公司`,
  industry: 'F52',
  region: i % 2 === 0 ? '110105' : '110108',
  address: `北京市朝阳区基准路${i}号`,
  creditClass: 'ABCD'[i % 4] as string,
  flags: [] as string[],
});

/** The two items the event store writes for a new stream, built the same way for a key space of their own. */
function rawItems(i: number, table: string): TransactWriteItem[] {
  const state = row(i);
  const stream = `entity/RAW/${state.uscc}`;
  const now = new Date().toISOString();
  const hash = createHash('sha256').update(`${stream}${i}`).digest('hex');
  const event = {
    stream,
    seq: 1,
    type: 'Directory.EntityRegistered',
    version: 1,
    occurredAt: now,
    recordedAt: now,
    actor: { id: 'bench', role: 'supervisor', agency: 'RAW' },
    correlationId: 'raw',
    data: state,
    prevHash: '0'.repeat(64),
    hash,
  };
  const pk = `S#${stream}`;
  const head = {
    pk,
    sk: 'HEAD',
    kind: 'head',
    stream,
    agency: 'RAW',
    version: 1,
    lastHash: hash,
    updatedAt: now,
    state: JSON.stringify(state),
    gsi1pk: 'ENTITY#RAW',
    gsi1sk: `${state.region}#${state.uscc}`,
    gsi2pk: `ENTITY#RAW#${state.industry}`,
    gsi2sk: `${state.region}#${state.uscc}`,
  };
  const item = {
    pk,
    sk: 'E#0000000001',
    kind: 'event',
    stream,
    seq: 1,
    type: event.type,
    agency: 'RAW',
    recordedAt: now,
    event: JSON.stringify(event),
  };
  return [
    { Put: { TableName: table, Item: marshall(head), ConditionExpression: 'attribute_not_exists(pk)' } },
    { Put: { TableName: table, Item: marshall(item), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

async function rawTransactions(client: DynamoDBClient, table: string): Promise<number> {
  const transactions: number[][] = [];
  for (let i = 0; i < ROWS; i += ROWS_PER_TRANSACTION) {
    transactions.push(Array.from({ length: Math.min(ROWS_PER_TRANSACTION, ROWS - i) }, (_, j) => i + j));
  }
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < transactions.length) {
        const rows = transactions[next++] ?? [];
        await client.send(new TransactWriteItemsCommand({ TransactItems: rows.flatMap((i) => rawItems(i, table)) }));
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const fresh = () => startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root });
const body = Array.from({ length: ROWS }, (_, i) => JSON.stringify(row(i))).join('\n');
const zipped = gzipSync(body);
const gzipped = { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' };

/** Each phase in a process and a runtime of its own; the parent runs them one after the other and compares. */
async function phase(name: 'raw' | 'import'): Promise<Record<string, number>> {
  const runtime = await fresh();
  try {
    if (name === 'raw') {
      const client = new DynamoDBClient({});
      const seconds = await rawTransactions(client, process.env.TABLE_NAME as string);
      client.destroy();
      return { seconds };
    }
    const token = (await (
      await fetch(`${runtime.url}/_local/token`, {
        method: 'POST',
        body: JSON.stringify({ sub: 'bench', roles: ['supervisor'], agency: 'BENCH', jurisdiction: '110105' }),
      })
    ).json()) as { access_token: string };
    const started = performance.now();
    const summary = await importAndWait(runtime.url, token.access_token, zipped, gzipped);
    const seconds = (performance.now() - started) / 1000;
    const startedAgain = performance.now();
    const again = await importAndWait(runtime.url, token.access_token, zipped, gzipped);
    const againSeconds = (performance.now() - startedAgain) / 1000;
    if (summary.accepted !== ROWS || again.duplicates !== ROWS)
      throw new Error(`unexpected import result: ${JSON.stringify({ summary, again })}`);
    return { seconds, againSeconds };
  } finally {
    await runtime.stop();
  }
}

const only = process.env.BENCH_PHASE;
if (only === 'raw' || only === 'import') {
  console.log(JSON.stringify(await phase(only)));
  process.exit(0);
}
const run = (name: string): Record<string, number> => {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1] as string], {
    env: { ...process.env, BENCH_PHASE: name },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, number>;
};
const raw = run('raw');
const job = run('import');
const rawRate = ROWS / (raw.seconds as number);
const importRate = ROWS / (job.seconds as number);
console.log(
  `${ROWS} rows (${(body.length / 1e6).toFixed(1)} MB, ${(zipped.length / 1e6).toFixed(1)} MB gzip), Node ${process.versions.node}, DynamoDB Local in memory, ${CONCURRENCY} concurrent transactions of ${ROWS_PER_TRANSACTION} rows, each phase in a fresh process and runtime`,
);
console.log('| measure | seconds | rows/s |');
console.log('|---|---|---|');
console.log(`| raw TransactWriteItems (event + head per row) | ${raw.seconds?.toFixed(2)} | ${rawRate.toFixed(0)} |`);
console.log(`| import job: POST /entities/imports until completed | ${job.seconds?.toFixed(2)} | ${importRate.toFixed(0)} |`);
console.log(`| same file again (all duplicates) | ${job.againSeconds?.toFixed(2)} | ${(ROWS / (job.againSeconds as number)).toFixed(0)} |`);
console.log(`\nratio import job / raw = ${(importRate / rawRate).toFixed(2)}`);
