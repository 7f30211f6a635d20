/**
 * npm run bench:outbox — the outbox (PutEvents in batches of 10, side by side, the first failure reported so the
 * stream retries from there) against the same batches one after another (as it was) and against `@aws-lambda-powertools/batch` (BatchProcessor on DynamoDB stream records, one
 * PutEvents per record, failures reported per record), on the same stream batches, against a PutEvents endpoint that
 * answers after a fixed delay (an in-region call). Interleaved rounds; the ratio is of medians in the same run.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { median } from './support.ts';

const LATENCY_MS = Number(process.env.LATENCY_MS ?? 8);
const RECORDS = 100; // the stream batch size the service stack configures
const ROUNDS = 15;

let calls = 0;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    calls += 1;
    const entries = (JSON.parse(body) as { Entries: unknown[] }).Entries;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e-${i}` })) }));
    }, LATENCY_MS);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = endpoint;
process.env.AWS_REGION = 'us-east-1';
process.env.AWS_ACCESS_KEY_ID = 'bench';
process.env.AWS_SECRET_ACCESS_KEY = 'bench';
process.env.POWERTOOLS_TRACE_ENABLED = 'false';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'bench';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const { publish } = await import('../functions/outbox/handler.ts');
const { toEntry } = await import('../functions/outbox/domain/to-entries.ts');

const event = (n: number): DynamoDBStreamEvent => ({
  Records: Array.from({ length: RECORDS }, (_, i): DynamoDBRecord => {
    const stored = {
      stream: `case/c-${n}-${i}`,
      seq: 1,
      type: 'Cases.CaseRegistered',
      version: 1,
      occurredAt: '2026-12-06T00:00:00.000Z',
      recordedAt: '2026-12-06T00:00:00.000Z',
      actor: { id: 'u', role: 'supervisor', agency: 'A' },
      correlationId: 'c',
      data: { on: '2026-12-06', note: '' },
      prevHash: '0'.repeat(64),
      hash: '1'.repeat(64),
    };
    return {
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: String(n * RECORDS + i),
        NewImage: { kind: { S: 'event' }, agency: { S: 'A' }, event: { S: JSON.stringify(stored) } },
      },
    };
  }),
});

const bus = new EventBridgeClient({ maxAttempts: 3 });
const processor = new BatchProcessor(EventType.DynamoDBStreams);
const powertools = (e: DynamoDBStreamEvent) =>
  processPartialResponse(
    e,
    async (record: DynamoDBRecord) => {
      const image = record.dynamodb?.NewImage;
      if (image?.event?.S === undefined) return;
      const entry = toEntry(JSON.parse(image.event.S), image.agency?.S ?? '', 'regulator');
      const result = await bus.send(new PutEventsCommand({ Entries: [entry] }));
      if ((result.FailedEntryCount ?? 0) > 0) throw new Error('PutEvents refused the entry');
    },
    processor,
  );

/** The outbox as it was before this benchmark: the same batches of 10, one call after another. */
const sequential = async (e: DynamoDBStreamEvent) => {
  const entries = e.Records.map((r) => toEntry(JSON.parse(r.dynamodb?.NewImage?.event?.S ?? '{}'), 'A', 'regulator'));
  for (let i = 0; i < entries.length; i += 10) await bus.send(new PutEventsCommand({ Entries: entries.slice(i, i + 10) }));
};
const variants = {
  'outbox (batches of 10, side by side)': (e: DynamoDBStreamEvent) => publish(e),
  'batches of 10, one after another (before)': sequential,
  'Powertools BatchProcessor (one call per record)': powertools,
};
const times: Record<string, number[]> = {};
const perCalls: Record<string, number> = {};
for (const run of Object.values(variants)) await run(event(0)); // warm the clients and connections
for (let round = 1; round <= ROUNDS; round += 1) {
  const order = round % 2 === 0 ? Object.entries(variants) : Object.entries(variants).reverse();
  for (const [name, run] of order) {
    const before = calls;
    const start = performance.now();
    await run(event(round));
    times[name] = [...(times[name] ?? []), performance.now() - start];
    perCalls[name] = calls - before;
  }
}
server.close();
bus.destroy();
const base = median(times['outbox (batches of 10, side by side)'] ?? []);
console.log(`| variant (${RECORDS} stream records, PutEvents answering after ${LATENCY_MS} ms) | median ms | × outbox | PutEvents calls |`);
console.log('|---|---|---|---|');
for (const [name, xs] of Object.entries(times)) {
  console.log(`| ${name} | ${median(xs).toFixed(1)} | ${(median(xs) / base).toFixed(2)} | ${perCalls[name]} |`);
}
process.exit(0);
