/**
 * Risk alerts (DESIGN §8): N events delivered by the local bus through the rule `alert-rules` to the alerts function
 * (the handler Lambda runs, against DynamoDB Local), against the same bus delivering the same events to a consumer that
 * does nothing, in the same run. The events are a mix of the types the rules watch (see MIX), over many entities, as the
 * outbox publishes them (batches of 10). Then, on the local runtime (store → stream → outbox → bus → rules), the latency
 * from posting an enforcement system's second non-compliant inspection of an entity (POST /events) to its alert being
 * listed (GET /alerts), p50 and p99 over LATENCY_SAMPLES entities.
 * Run: npm run bench:alerts   (BENCH_EVENTS, default 100,000; LATENCY_SAMPLES, default 50)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { factOf } from '../functions/alerts/domain/facts.ts';
import { counts, DEFAULT_RULES } from '../functions/alerts/domain/rules.ts';
import { withCheckCharacter } from '../functions/directory/domain/uscc.ts';
import { AnyStoredEvent } from '../functions/records/schemas.ts';
import { eventConsumer } from '../functions/shared/consumer-handler.ts';
import { LocalEventBus } from '../infra/local/event-bus.ts';
import { LambdaInvoker, lambdaContext } from '../infra/local/lambda-invoker.ts';
import { startRuntime } from '../infra/local/runtime.ts';
import { rules } from '../infra/topology.ts';
import { benchTable } from './support.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const SAMPLES = Number(process.env.LATENCY_SAMPLES ?? 50);
const ENTITIES = 20_000;
const AGENCY = 'BENCH';
const root = resolve(import.meta.dirname, '..');
const uscc = (i: number) => withCheckCharacter(`91110105${String(i).padStart(9, '0')}`);
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] as number;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + (n % 330) * 86_400_000).toISOString().slice(0, 10);

/** The share of each watched type in the stream, and what it carries (a share of them count for a rule). */
const MIX: { share: number; source: string; type: string; data: (n: number) => unknown; stream: (n: number) => string }[] = [
  {
    share: 0.4,
    source: 'regulator.inspections',
    type: 'Inspections.InspectionCompleted',
    // 15% non-compliant
    data: (n) => ({
      entity: uscc(n % ENTITIES),
      result: n % 20 < 3 ? 'non-compliant' : 'compliant',
      channel: 'mobile-form',
      inspectors: ['i1', 'i2'],
      answered: 5,
      evidence: 2,
    }),
    stream: (n) => `inspection/t-${n}~${uscc(n % ENTITIES)}`,
  },
  {
    share: 0.25,
    source: 'regulator.credit',
    type: 'Credit.ClassChanged',
    // 5% to D (the monthly re-classification's changes)
    data: (n) => ({
      agency: AGENCY,
      uscc: uscc(n % ENTITIES),
      from: 'B',
      to: n % 20 === 0 ? 'D' : 'C',
      score: 700,
      asOf: day(n),
      rules: ['credit-v1'],
      cause: { kind: 'monthly' },
    }),
    stream: (n) => `credit-class/${AGENCY}/${uscc(n % ENTITIES)}`,
  },
  {
    share: 0.15,
    source: 'regulator.directory',
    type: 'Directory.EntityRegistered',
    // Every registration counts toward its address (异常注册); 5,000 addresses.
    data: (n) => ({
      uscc: uscc(ENTITIES + n),
      name: `企业${n}`,
      industry: 'F52',
      region: '110105',
      address: `东城区示例路${n % 5_000}号`,
      flags: [],
    }),
    stream: (n) => `entity/${AGENCY}/${uscc(ENTITIES + n)}`,
  },
  {
    share: 0.1,
    source: 'regulator.external',
    type: 'External.InspectionResult',
    data: (n) => ({
      system: 'tax',
      source: 'urn:bench',
      id: `x-${n}`,
      time: '2026-05-06T02:00:00Z',
      subject: uscc(n % ENTITIES),
      data: {
        inspectionNumber: `SW-${n}`,
        inspectedOn: day(n),
        result: n % 5 === 0 ? 'non-compliant' : 'compliant',
        items: [],
        summary: '',
      },
    }),
    stream: (n) => `external/${AGENCY}/${uscc(n % ENTITIES)}`,
  },
  {
    share: 0.05,
    source: 'regulator.cases',
    type: 'Cases.DeadlineApproaching',
    data: (n) => ({ deadline: n % 5 < 3 ? 'decision' : 'payment', due: day(n), daysLeft: 10, provisional: false }),
    stream: (n) => `case/c-${n}`,
  },
  {
    share: 0.05,
    source: 'regulator.external',
    type: 'External.Complaint',
    data: (n) => ({
      system: '12315',
      source: 'urn:bench:12315',
      id: `c-${n}`,
      time: '2026-05-06T02:00:00Z',
      subject: uscc(n % ENTITIES),
      data: { complaintNumber: `12315-${n}`, receivedOn: day(n), kind: 'complaint', category: '食品安全', summary: '' },
    }),
    stream: (n) => `external/${AGENCY}/${uscc(n % ENTITIES)}`,
  },
];

/** Event n of the stream, as the outbox puts it on the bus. */
function entry(n: number) {
  let at = (n % 100) / 100;
  const kind = MIX.find((m) => {
    at -= m.share;
    return at < 0;
  }) as (typeof MIX)[number];
  const detail = {
    stream: kind.stream(n),
    seq: n + 1,
    type: kind.type,
    version: 1,
    occurredAt: `${day(n)}T02:00:00.000Z`,
    recordedAt: `${day(n)}T02:00:00.000Z`,
    actor: { id: 'bench', role: 'system', agency: AGENCY },
    correlationId: `bench-${n}`,
    data: kind.data(n),
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    agency: AGENCY,
  };
  return { Source: kind.source, DetailType: kind.type, Detail: JSON.stringify(detail) };
}

/** Whether some default rule counts event n (the share of the stream that costs the rules a read and a write). */
const counted = (n: number) => {
  const detail = JSON.parse(entry(n).Detail) as Parameters<typeof factOf>[0];
  const fact = factOf(detail);
  return fact !== undefined && DEFAULT_RULES.some((rule) => counts(rule, fact));
};

async function deliverAll(
  label: string,
  invoke: (fn: string, payload: unknown) => Promise<unknown>,
  only = (_n: number) => true,
): Promise<number> {
  const rule = rules.find((r) => r.name === 'alert-rules');
  if (rule === undefined) throw new Error('no rule alert-rules');
  const bus = new LocalEventBus({
    rules: [rule],
    invoke: invoke as never,
    deadLetterDir: mkdtempSync(join(tmpdir(), 'bench-dlq-')),
    concurrency: 8,
  });
  const numbers = Array.from({ length: EVENTS }, (_, n) => n).filter(only);
  const started = performance.now();
  for (let i = 0; i < numbers.length; i += 10) {
    bus.putEvents({ Entries: numbers.slice(i, i + 10).map(entry) });
    // Let deliveries run while the outbox keeps publishing (it does not publish 100,000 events in one tick).
    if (i % 1000 === 0) await new Promise((r) => setImmediate(r));
  }
  await bus.idle();
  const seconds = (performance.now() - started) / 1000;
  if (bus.stats.deadLettered > 0) throw new Error(`${label}: ${bus.stats.deadLettered} dead-lettered`);
  console.error(`${label}: ${bus.stats.delivered} events in ${seconds.toFixed(1)} s`);
  return seconds;
}

async function throughput(): Promise<string[]> {
  const { table, endpoint, stop } = await benchTable();
  Object.assign(process.env, {
    TABLE_NAME: table,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_NAMESPACE: 'bench',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
  try {
    const invoker = new LambdaInvoker(root);
    // The same consumer chain every rule target has (envelope parsed, Powertools logger and metrics), with an empty body.
    const noop = eventConsumer({ detail: AnyStoredEvent }, async () => undefined);
    const nothing = await deliverAll('a consumer that does nothing', (_fn, payload) =>
      noop((payload as { event: never }).event, lambdaContext('alerts')),
    );
    const through = await deliverAll('the alerts function (rule alert-rules)', (_fn, payload) => invoker.invoke('alerts', payload));
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
    // The rule engine's own cost: the events no rule counts (no read, no write), against the same consumer doing nothing.
    const quiet = (n: number) => !counted(n);
    const share = Array.from({ length: EVENTS }, (_, n) => n).filter(quiet).length;
    const nothingQuiet = await deliverAll(
      'uncounted events, a consumer that does nothing',
      (_fn, payload) => noop((payload as { event: never }).event, lambdaContext('alerts')),
      quiet,
    );
    const throughQuiet = await deliverAll(
      'uncounted events, the alerts function',
      (_fn, payload) => invoker.invoke('alerts', payload),
      quiet,
    );
    return [
      `| all ${EVENTS.toLocaleString('en')} events (${((1 - share / EVENTS) * 100).toFixed(0)}% counted by a rule) | | |`,
      `| the bus to a consumer that does nothing | ${nothing.toFixed(1)} | ${(EVENTS / nothing).toFixed(0)} |`,
      `| the bus through the rules (the alerts function) | ${through.toFixed(1)} | ${(EVENTS / through).toFixed(0)} |`,
      `| **ratio** | ${(nothing / through).toFixed(2)} (goal ≥ 0.8) | |`,
      `| the ${share.toLocaleString('en')} events no rule counts | | |`,
      `| the bus to a consumer that does nothing | ${nothingQuiet.toFixed(1)} | ${(share / nothingQuiet).toFixed(0)} |`,
      `| the bus through the rules | ${throughQuiet.toFixed(1)} | ${(share / throughQuiet).toFixed(0)} |`,
      `| **ratio** | ${(nothingQuiet / throughQuiet).toFixed(2)} | |`,
    ];
  } finally {
    await stop();
  }
}

async function latency(): Promise<string> {
  const runtime = await startRuntime({ port: 0, inMemory: true, dataDir: resolve(root, '.data'), root, log: () => {} });
  try {
    const token = async (claims: Record<string, unknown>) =>
      (
        (await (await fetch(`${runtime.url}/_local/token`, { method: 'POST', body: JSON.stringify(claims) })).json()) as {
          access_token: string;
        }
      ).access_token;
    const admin = await token({ sub: 'bench', roles: ['admin'], agency: AGENCY, jurisdiction: '110105' });
    const officer = await token({ sub: 'off', roles: ['case-officer'], agency: AGENCY, jurisdiction: '110105' });
    const registered = await fetch(`${runtime.url}/systems`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'bench',
        name: 'bench',
        clientId: 'bench-client',
        source: 'urn:bench',
        eventTypes: ['External.InspectionResult'],
        ratePerSecond: 1000,
      }),
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
    const system = await token({ client_id: 'bench-client', scopes: ['events:write'], agency: AGENCY });
    const today = new Date().toISOString().slice(0, 10);
    const post = (id: string, subject: string) =>
      fetch(`${runtime.url}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${system}`, 'content-type': 'application/cloudevents-batch+json' },
        body: JSON.stringify([
          {
            specversion: '1.0',
            id,
            source: 'urn:bench',
            type: 'External.InspectionResult',
            time: new Date().toISOString(),
            subject,
            data: { inspectionNumber: id, inspectedOn: today, result: 'non-compliant' },
          },
        ]),
      });
    const alerted = async (subject: string) => {
      const r = await fetch(`${runtime.url}/alerts?entity=${subject}`, { headers: { authorization: `Bearer ${officer}` } });
      return ((await r.json()) as { items: unknown[] }).items.length > 0;
    };
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const subject = uscc(900_000 + i);
      // The subject must be in the agency's directory (ingest refuses another).
      const entity = await fetch(`${runtime.url}/entities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ uscc: subject, name: `企业${i}`, industry: 'F52', region: '110105', address: `东城区测试路${i}号` }),
      });
      if (entity.status !== 201) throw new Error(`entity: ${entity.status} ${await entity.text()}`);
      const first = await post(`first-${i}`, subject);
      if (first.status !== 200) throw new Error(`ingest: ${first.status} ${await first.text()}`);
      const t = performance.now();
      const second = await post(`second-${i}`, subject);
      if (second.status !== 200) throw new Error(`ingest: ${second.status} ${await second.text()}`);
      const deadline = t + 30_000;
      while (!(await alerted(subject))) {
        if (performance.now() > deadline) throw new Error(`no alert for ${subject} within 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      samples.push(performance.now() - t);
    }
    return `| event-to-alert on the local runtime (POST /events of the second inspection → listed by GET /alerts), ${SAMPLES} entities | p50 ${percentile(samples, 50).toFixed(0)} ms | p99 ${percentile(samples, 99).toFixed(0)} ms |`;
  } finally {
    await runtime.stop();
  }
}

// Each phase runs in a process of its own: a function keeps its DynamoDB client (and the table's address) per process.
if (process.env.BENCH_PHASE === 'throughput') {
  console.log(`ROWS ${JSON.stringify(await throughput())}`);
  process.exit(0);
}
if (process.env.BENCH_PHASE === 'latency') {
  console.log(`ROWS ${JSON.stringify([await latency()])}`);
  process.exit(0);
}
const phase = (name: string) =>
  JSON.parse(
    /ROWS (.*)/.exec(
      execFileSync(process.execPath, [...process.execArgv, import.meta.filename], {
        env: { ...process.env, BENCH_PHASE: name },
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      }).toString(),
    )?.[1] ?? '[]',
  ) as string[];
const rows = phase('throughput');
const [late] = phase('latency');
console.log(`\n${EVENTS.toLocaleString('en')} events (${MIX.map((m) => `${m.share * 100}% ${m.type}`).join(', ')})`);
console.log('| path | s | events/s |');
console.log('|---|---|---|');
for (const row of rows) console.log(row);
console.log(`\n${late}`);
