import type { DynamoDBStreamEvent } from 'aws-lambda';
import { type PutEntries, publishWith } from '#outbox/handler';

/** A stream batch of `n` new event items, sequence numbers 100, 101, … */
const batch = (n: number): DynamoDBStreamEvent => ({
  Records: Array.from({ length: n }, (_, i) => ({
    eventName: 'INSERT' as const,
    dynamodb: {
      SequenceNumber: String(100 + i),
      NewImage: {
        kind: { S: 'event' },
        agency: { S: 'A' },
        event: {
          S: JSON.stringify({
            stream: `case/c-${i}`,
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
          }),
        },
      },
    },
  })),
});
const streamOf = (entry: { Detail: string }) => (JSON.parse(entry.Detail) as { stream: string }).stream;

describe('the outbox publisher', () => {
  it('puts every new event item in calls of 10 and reports nothing when all are taken', async () => {
    const calls: string[][] = [];
    const put: PutEntries = async (entries) => {
      calls.push(entries.map(streamOf));
      return entries.map(() => ({ refused: false }));
    };
    expect(await publishWith(put, batch(25))).toEqual({ batchItemFailures: [] });
    expect(calls.map((c) => c.length).sort()).toEqual([10, 10, 5]);
    expect(new Set(calls.flat()).size).toBe(25);
  });

  it('retries refused entries, and reports the first record still refused so the stream retries from there', async () => {
    // c-3 is refused once (taken on retry); c-13 and c-21 always: the earliest of those is what the stream retries from.
    let c3Refusals = 1;
    const put: PutEntries = async (entries) =>
      entries.map((e) => {
        const stream = streamOf(e);
        if (stream === 'case/c-3' && c3Refusals > 0) {
          c3Refusals -= 1;
          return { refused: true };
        }
        return { refused: stream === 'case/c-13' || stream === 'case/c-21' };
      });
    expect(await publishWith(put, batch(25))).toEqual({ batchItemFailures: [{ itemIdentifier: '113' }] });
    expect(c3Refusals).toBe(0);
  });

  it('reports the batch’s first record when the bus does not answer at all', async () => {
    const put: PutEntries = async () => Promise.reject(new Error('bus down'));
    expect(await publishWith(put, batch(12))).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
  });

  it('publishes what comes before a damaged event item and reports the batch failed from it, never skipping it', async () => {
    const published: string[] = [];
    const put: PutEntries = async (entries) => {
      published.push(...entries.map(streamOf));
      return entries.map(() => ({ refused: false }));
    };
    const damaged = batch(5);
    const third = damaged.Records[2]?.dynamodb?.NewImage?.event;
    if (third === undefined) throw new Error('fixture');
    third.S = JSON.stringify({ stream: 'case/c-2', seq: 'one', type: 'Cases.CaseRegistered' });
    expect(await publishWith(put, damaged)).toEqual({ batchItemFailures: [{ itemIdentifier: '102' }] });
    expect(published).toEqual(['case/c-0', 'case/c-1']);
    third.S = '{not json';
    published.length = 0;
    expect(await publishWith(put, damaged)).toEqual({ batchItemFailures: [{ itemIdentifier: '102' }] });
    expect(published).toEqual(['case/c-0', 'case/c-1']);
  });
});
