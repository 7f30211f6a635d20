/**
 * The daily clock sweep over the sharded clock index (README, national scale): the same cases, each with a passed
 * deadline, swept reading the 16 shards one at a time and side by side, each variant on its own table in one
 * DynamoDB Local. Reports the time, the most index queries in flight at once, and the events recorded.
 * Run: npm run bench:sweep  (BENCH_CASES=… to change the 1,000 cases per variant)
 */

import pLimit from 'p-limit';
import { ENFORCEMENT_DEFAULTS } from '#cases/domain/enforcement';
import { CLOCK_SHARDS, dueBy } from '../functions/cases/adapters/table-layout.ts';
import { openCase } from '../functions/cases/domain/case-record.ts';
import { PUBLICITY_DEFAULTS } from '../functions/cases/domain/decision-publicity.ts';
import { DEFAULT_DISCRETION, DEFAULT_MAJOR_RULE } from '../functions/cases/domain/legal-rules.ts';
import { appendCase, sweepClocks } from '../functions/cases/domain/workflows.ts';
import type { CaseDeps } from '../functions/cases/ports.ts';
import { DynamoDbEventStore } from '../functions/records/adapters/dynamodb-event-store.ts';
import { DynamoDbHeadReader } from '../functions/records/adapters/dynamodb-head-reader.ts';
import type { HeadReader } from '../functions/records/ports.ts';
import { officialCalendar } from '../functions/shared/working-days.ts';
import { createTables } from '../infra/local/dynamodb-local.ts';
import { MemoryEvidenceStore } from '../test/support/memory-evidence-store.ts';
import { benchTable } from './support.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000);
const TODAY = '2026-06-30';
const variants = [1, 4, CLOCK_SHARDS];

const { client, table, stop } = await benchTable('bench-sweep-1');
const calendar = await officialCalendar();
const rows: string[] = [];
try {
  for (const [i, concurrency] of variants.entries()) {
    const name = i === 0 ? table : `bench-sweep-${i + 1}`;
    if (i > 0) await createTables(client, { table: name, idempotency: `${name}-idem` });
    const store = new DynamoDbEventStore(client, name);
    const heads = new DynamoDbHeadReader(client, name);
    // Count the index queries in flight: the sweep's only reads of the clock index.
    let inFlight = 0;
    let most = 0;
    const reader: HeadReader = {
      get: (stream) => heads.get(stream),
      getMany: (streams) => heads.getMany(streams),
      list: async (query) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        try {
          return await heads.list(query);
        } finally {
          inFlight -= 1;
        }
      },
    };
    const deps: CaseDeps = {
      store,
      reader,
      access: { record: async () => {}, list: async () => ({ items: [] }) },
      today: () => TODAY,
      dayIn: (days) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
      calendar,
      settings: {
        warnDays: 10,
        publicity: PUBLICITY_DEFAULTS,
        discretion: DEFAULT_DISCRETION,
        majorRule: DEFAULT_MAJOR_RULE,
        enforcement: ENFORCEMENT_DEFAULTS,
      },
      evidence: new MemoryEvidenceStore(),
    };
    // Clues of 1 June: their registration deadline (15 working days) has passed by 30 June.
    for (let n = 0; n < CASES; n += 1) {
      const opened = openCase({
        caseId: `case-${n}`,
        agency: 'SAMR-110105',
        jurisdiction: '110105',
        entity: '91110105MA01ABCD1X',
        party: { kind: 'organisation', name: '示例公司' },
        source: { kind: 'complaint', ref: '' },
        summary: '举报',
        clueOn: '2026-06-01',
      });
      await appendCase(deps, opened.state, {
        expectedVersion: 0,
        events: opened.events,
        actor: { id: 'u', role: 'case-officer', agency: 'SAMR-110105' },
        correlationId: 'bench',
      });
    }
    // Reading alone: every shard's due records, page after page, `concurrency` shards at a time.
    const readStart = performance.now();
    const limit = pLimit(concurrency);
    const found = await Promise.all(
      dueBy(deps.dayIn(10)).map((shard) =>
        limit(async () => {
          let count = 0;
          let cursor: string | undefined;
          do {
            const page = await heads.list({ ...shard, limit: 100, ...(cursor ? { cursor } : {}) });
            count += page.items.length;
            cursor = page.cursor;
          } while (cursor !== undefined);
          return count;
        }),
      ),
    );
    const readMs = performance.now() - readStart;
    const start = performance.now();
    const done = await sweepClocks(deps, concurrency);
    const ms = performance.now() - start;
    rows.push(
      `| ${concurrency} | ${readMs.toFixed(0)} (${found.reduce((a, b) => a + b, 0)} records) | ${(ms / 1000).toFixed(2)} | ${most} | ${done.warned} |`,
    );
  }
} finally {
  await stop();
}
const base = Number(rows[0]?.split('|')[3]);
console.log(
  `| shards at once (${CASES} cases, ${CLOCK_SHARDS} shards) | reading the due records, ms | sweep s | most queries in flight | events recorded | sweep × one at a time |`,
);
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(`${row} ${(Number(row.split('|')[3]) / base).toFixed(2)} |`);
