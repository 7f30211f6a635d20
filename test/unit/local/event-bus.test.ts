import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalEventBus } from '../../../infra/local/event-bus.ts';
import { rateMs } from '../../../infra/local/schedules.ts';
import type { RuleSpec } from '../../../infra/topology.ts';

const rule: RuleSpec = { name: 'feed', description: '', pattern: { source: [{ prefix: 'regulator.' }] }, target: 'records' };
const entry = (source = 'regulator.directory') => ({
  Source: source,
  DetailType: 'Directory.EntityRegistered',
  Detail: '{"stream":"s","seq":1}',
});

describe('the local event bus', () => {
  it('delivers {rule, event} in the EventBridge envelope to the target of each matching rule', async () => {
    const delivered: unknown[] = [];
    const bus = new LocalEventBus({ rules: [rule], invoke: async (fn, payload) => delivered.push([fn, payload]), deadLetterDir: tmpdir() });
    const answer = bus.putEvents({ Entries: [entry(), entry('other.source')] });
    await bus.idle();
    expect(answer.FailedEntryCount).toBe(0);
    expect(delivered).toEqual([
      [
        'records',
        {
          rule: 'feed',
          event: expect.objectContaining({
            version: '0',
            source: 'regulator.directory',
            'detail-type': 'Directory.EntityRegistered',
            detail: { stream: 's', seq: 1 },
          }),
        },
      ],
    ]);
  });

  it('retries a failing consumer, then writes the event to the rule’s dead-letter file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlq-'));
    let attempts = 0;
    const bus = new LocalEventBus({
      rules: [rule],
      invoke: async () => {
        attempts += 1;
        throw new Error('consumer down');
      },
      deadLetterDir: dir,
      retryDelaysMs: [1, 1, 1],
    });
    bus.putEvents({ Entries: [entry()] });
    await bus.idle();
    expect(attempts).toBe(4);
    expect(bus.stats).toMatchObject({ retried: 3, deadLettered: 1, delivered: 0 });
    const [line] = readFileSync(join(dir, 'feed.ndjson'), 'utf8').trim().split('\n');
    expect(JSON.parse(line as string)).toMatchObject({ rule: 'feed', target: 'records', error: 'consumer down' });
  });

  it('redrives a rule’s dead letters once the consumer works again, each delivered once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlq-'));
    let broken = true;
    const delivered: unknown[] = [];
    const bus = new LocalEventBus({
      rules: [rule],
      invoke: async (_fn, payload) => {
        if (broken) throw new Error('consumer bug');
        delivered.push(payload);
      },
      deadLetterDir: dir,
      retryDelaysMs: [1],
    });
    bus.putEvents({ Entries: [entry(), entry()] });
    await bus.idle();
    expect(bus.stats.deadLettered).toBe(2);
    broken = false;
    expect(bus.redrive('feed')).toBe(2);
    await bus.idle();
    expect(delivered).toHaveLength(2);
    expect(bus.redrive('feed')).toBe(0);
    expect(() => bus.redrive('nope')).toThrow(/no rule nope/);
  });

  it('keeps undelivered deliveries in its journal and makes them on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const journalFile = join(dir, 'bus-queue.ndjson');
    const first = new LocalEventBus({ rules: [rule], invoke: () => new Promise(() => undefined), deadLetterDir: dir, journalFile });
    first.putEvents({ Entries: [entry(), entry()] });
    first.stop();
    const delivered: unknown[] = [];
    const second = new LocalEventBus({ rules: [rule], invoke: async (_fn, p) => void delivered.push(p), deadLetterDir: dir, journalFile });
    await second.idle();
    expect(delivered).toHaveLength(2);
    expect(second.stats.recovered).toBe(2);
    const third = new LocalEventBus({ rules: [rule], invoke: async (_fn, p) => void delivered.push(p), deadLetterDir: dir, journalFile });
    await third.idle();
    expect(delivered).toHaveLength(2);
  });

  it('answers a malformed entry as EventBridge does, per entry', () => {
    const bus = new LocalEventBus({ rules: [rule], invoke: async () => undefined, deadLetterDir: tmpdir() });
    const answer = bus.putEvents({ Entries: [{ Source: 'regulator.x', DetailType: 'X', Detail: '{oops' }, entry()] });
    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries[0]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(answer.Entries[1]).toHaveProperty('EventId');
  });
});

describe('local schedules', () => {
  it('reads rate expressions and refuses cron ones at start-up', () => {
    expect(rateMs('rate(5 minutes)')).toBe(300_000);
    expect(rateMs('rate(1 day)')).toBe(86_400_000);
    expect(() => rateMs('cron(0 1 * * ? *)')).toThrow(/rate\(…\) schedules only/);
  });
});
