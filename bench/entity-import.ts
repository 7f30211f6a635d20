/**
 * Entity import rate: 10,000 rows through POST /entities/import on the local runtime, against the raw
 * BatchWriteItem rate of the same number of items into the same DynamoDB Local, measured in one run.
 * Run: npm run bench:import
 */

import { resolve } from 'node:path';
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { startRuntime } from '../infra/local/runtime.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const CONCURRENCY = 6;
const root = resolve(import.meta.dirname, '..');

const row = (i: number, agency: string) => ({
  uscc: withCheckCharacter(`91110105${String(i).padStart(9, '0')}`),
  name: `基准企业${i}有限公司`,
  industry: 'F52',
  region: i % 2 === 0 ? '110105' : '110108',
  address: `北京市朝阳区基准路${i}号`,
  creditClass: 'ABCD'[i % 4],
  agency,
});

async function rawBatchWrite(client: DynamoDBClient, table: string): Promise<number> {
  const items = Array.from({ length: ROWS }, (_, i) => ({ pk: `RAW#${i}`, sk: 'HEAD', state: JSON.stringify(row(i, 'raw')) }));
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) {
        let pending = (batches[next++] ?? []).map((item) => ({ PutRequest: { Item: marshall(item) } }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
          pending = (UnprocessedItems?.[table] ?? []) as typeof pending;
        }
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

const runtime = await startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root });
try {
  const client = new DynamoDBClient({});
  const token = (await (
    await fetch(`${runtime.url}/_local/token`, {
      method: 'POST',
      body: JSON.stringify({ sub: 'bench', roles: ['supervisor'], agency: 'BENCH', jurisdiction: '110105' }),
    })
  ).json()) as { access_token: string };
  const body = Array.from({ length: ROWS }, (_, i) => {
    const { agency: _a, ...entity } = row(i, 'BENCH');
    return JSON.stringify(entity);
  }).join('\n');

  const rawSeconds = await rawBatchWrite(client, process.env.TABLE_NAME as string);
  const started = performance.now();
  const response = await fetch(`${runtime.url}/entities/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/x-ndjson' },
    body,
  });
  const summary = (await response.json()) as { accepted: number };
  const importSeconds = (performance.now() - started) / 1000;
  const startedAgain = performance.now();
  const again = (await (
    await fetch(`${runtime.url}/entities/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/x-ndjson' },
      body,
    })
  ).json()) as { duplicates: unknown[] };
  const againSeconds = (performance.now() - startedAgain) / 1000;
  if (summary.accepted !== ROWS || again.duplicates.length !== ROWS)
    throw new Error(`unexpected import result: ${JSON.stringify(summary).slice(0, 200)}`);
  const rawRate = ROWS / rawSeconds;
  const importRate = ROWS / importSeconds;
  console.log(`${ROWS} rows, Node ${process.versions.node}, DynamoDB Local in memory, ${CONCURRENCY} concurrent writers`);
  console.log('| measure | seconds | rows/s |');
  console.log('|---|---|---|');
  console.log(`| raw BatchWriteItem (1 item per row) | ${rawSeconds.toFixed(2)} | ${rawRate.toFixed(0)} |`);
  console.log(
    `| POST /entities/import (event + head per row, TransactWriteItems) | ${importSeconds.toFixed(2)} | ${importRate.toFixed(0)} |`,
  );
  console.log(`| same file again (all duplicates) | ${againSeconds.toFixed(2)} | ${(ROWS / againSeconds).toFixed(0)} |`);
  console.log(`\nratio import / raw = ${(importRate / rawRate).toFixed(2)}`);
  client.destroy();
} finally {
  await runtime.stop();
}
