/**
 * End-to-end ingest (DESIGN §8): CloudEvents batches of 100 posted by several concurrent clients to POST /events on the
 * local runtime, against raw TransactWriteItems of the same items (per event: the event item and its (source, id)
 * marker; per subject in a batch: its head, here without the version guard: concurrent raw writers would fight over it) with
 * the same concurrency, into the same DynamoDB
 * Local, in one run. Reports events per second and p50/p99 latency per batch.
 * Run: npm run bench:ingest
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DynamoDBClient, type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { importAndWait } from './import-file.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
/** Spread: batches over 2,000 entities (little contention); hot: over 50 (every batch writes every subject). */
const SCENARIOS = [
  { name: 'spread', subjects: 2_000 },
  { name: 'hot', subjects: 50 },
].filter((s) => (process.env.BENCH_SCENARIO ?? s.name) === s.name);
const SUBJECTS = 2_000;
const BATCH = 100;
const root = resolve(import.meta.dirname, '..');
const AGENCY = 'BENCH';
const SOURCE = 'urn:bench:enforcement';
const subjects = Array.from({ length: SUBJECTS }, (_, i) => withCheckCharacter(`91110105${String(i).padStart(9, '0')}`));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] as number;

/** Batch b: 100 penalty decisions over `spread` subjects, as a tax system would send them. */
const batchOf = (b: number, prefix: string, spread: number) =>
  Array.from({ length: BATCH }, (_, i) => {
    const n = b * BATCH + i;
    return {
      specversion: '1.0',
      id: `${prefix}-${n}`,
      source: SOURCE,
      type: 'External.PenaltyDecision',
      time: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
      subject: subjects[(n * 7919) % spread] as string,
      datacontenttype: 'application/json',
      data: {
        decisionNumber: `税罚〔2026〕${n}号`,
        decidedOn: '2026-05-06',
        penalty: { types: ['fine'], fine: 500 + n },
        legalBasis: '《税收征收管理法》第六十条',
      },
    };
  });

async function run(label: string, send: (b: number) => Promise<void>): Promise<{ seconds: number; latencies: number[] }> {
  const batches = EVENTS / BATCH;
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < batches) {
        const b = next++;
        const t = performance.now();
        await send(b);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.error(`${label}: ${EVENTS} events in ${seconds.toFixed(1)} s`);
  return { seconds, latencies };
}

/** One scenario on a fresh runtime (a fresh DynamoDB Local): raw first, then the ingest, same table, same run. */
async function measure(scenario: (typeof SCENARIOS)[number]): Promise<string[]> {
  const runtime = await startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root, log: () => {} });
  try {
    const token = async (claims: Record<string, unknown>) =>
      (
        (await (await fetch(`${runtime.url}/_local/token`, { method: 'POST', body: JSON.stringify(claims) })).json()) as {
          access_token: string;
        }
      ).access_token;
    const admin = await token({ sub: 'bench', roles: ['admin'], agency: AGENCY, jurisdiction: '110105' });
    const call = (path: string, body: unknown, auth: string, type = 'application/json') =>
      fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${auth}`, 'content-type': type },
        body: JSON.stringify(body),
      });
    const rows = subjects.map((uscc) =>
      JSON.stringify({ uscc, name: `企业${uscc}`, industry: 'F52', region: '110105', address: '东城区' }),
    );
    const imported = await importAndWait(runtime.url, admin, rows.join('\n'));
    if (imported.status !== 'completed') throw new Error(`import: ${JSON.stringify(imported)}`);
    const registered = await call(
      '/systems',
      {
        id: 'bench',
        name: 'bench',
        clientId: 'bench-client',
        source: SOURCE,
        eventTypes: ['External.PenaltyDecision'],
        ratePerSecond: 1000,
      },
      admin,
    );
    if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const system = await token({ client_id: 'bench-client', scopes: ['events:write'], agency: AGENCY });

    // Raw: per batch, one TransactWriteItems per subject with the same items the ingest writes.
    const client = new DynamoDBClient({
      endpoint: runtime.dynamoDbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    const versions = new Map<string, number>();
    const raw = (spread: number, prefix: string) => async (b: number) => {
      const bySubject = new Map<string, ReturnType<typeof batchOf>>();
      for (const e of batchOf(b, prefix, spread)) bySubject.set(e.subject, [...(bySubject.get(e.subject) ?? []), e]);
      await Promise.all(
        [...bySubject].map(async ([subject, events]) => {
          const pk = `S#rawbench/${subject}`;
          const version = versions.get(subject) ?? 0;
          versions.set(subject, version + events.length);
          const items: TransactWriteItem[] = [
            {
              Put: {
                TableName: 'regulator-records',
                Item: marshall({
                  pk,
                  sk: 'HEAD',
                  version: version + events.length,
                  state: JSON.stringify({ subject, count: version + events.length }),
                }),
              },
            },
            ...events.flatMap((e, i): TransactWriteItem[] => [
              {
                Put: {
                  TableName: 'regulator-records',
                  Item: marshall({ pk, sk: `E#${String(version + i + 1).padStart(10, '0')}`, event: JSON.stringify(e) }),
                },
              },
              {
                Put: {
                  TableName: 'regulator-records',
                  Item: marshall({ pk: `RAWMARK#${e.source}`, sk: e.id, stream: pk }),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]),
          ];
          await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        }),
      );
    };
    const ingest = (spread: number, prefix: string) => async (b: number) => {
      const response = await call('/events', batchOf(b, prefix, spread), system, 'application/cloudevents-batch+json');
      const body = (await response.json()) as { accepted: number };
      if (response.status !== 200 || body.accepted !== BATCH)
        throw new Error(`ingest: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    await raw(SUBJECTS, 'warm-raw')(0);
    await ingest(SUBJECTS, 'warm-ingest')(0);
    const rate = (seconds: number) => EVENTS / seconds;
    const r = await run(`${scenario.name}: raw TransactWriteItems`, raw(scenario.subjects, `raw-${scenario.name}`));
    const i = await run(`${scenario.name}: ingest over HTTP`, ingest(scenario.subjects, `ingest-${scenario.name}`));
    const cells = (x: { seconds: number; latencies: number[] }) =>
      `${rate(x.seconds).toFixed(0)} | ${percentile(x.latencies, 50).toFixed(0)} | ${percentile(x.latencies, 99).toFixed(0)}`;
    client.destroy();
    return [
      `| ${scenario.name}: ${scenario.subjects.toLocaleString('en')} entities | raw TransactWriteItems | ${cells(r)} | |`,
      `| | POST /events | ${cells(i)} | ${(rate(i.seconds) / rate(r.seconds)).toFixed(2)} |`,
    ];
  } finally {
    await runtime.stop();
  }
}

// Each scenario runs in a process of its own: the handlers keep their clients (and DynamoDB Local's address) per process.
const rows: string[] = [];
if (process.env.BENCH_SCENARIO !== undefined) {
  for (const scenario of SCENARIOS) rows.push(...(await measure(scenario)));
  console.log(`ROWS ${JSON.stringify(rows)}`);
  process.exit(0);
}
for (const scenario of SCENARIOS) {
  const out = execFileSync(process.execPath, [...process.execArgv, import.meta.filename], {
    env: { ...process.env, BENCH_SCENARIO: scenario.name },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
  rows.push(...(JSON.parse(/ROWS (.*)/.exec(out)?.[1] ?? '[]') as string[]));
}
console.log(`\n${EVENTS.toLocaleString('en')} events per path and scenario, batches of ${BATCH}, ${CLIENTS} concurrent clients`);
console.log('| scenario | path | events/s | p50 ms per batch | p99 ms per batch | ratio (goal ≥ 0.5; DESIGN ≥ 0.8) |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
