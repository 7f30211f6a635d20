import type { DynamoDBStreamEvent } from 'aws-lambda';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { StreamPoller } from '../../infra/local/stream-poller.ts';
import { freshTables } from '../support/dynamodb.ts';

const waitFor = async (check: () => boolean, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('the local stream poller on DynamoDB Local', () => {
  it('hands every new event item to the outbox in order, and retries from a reported failure', async () => {
    const { client, table, endpoint } = await freshTables('stream');
    const store = new DynamoDbEventStore(client, table);
    const delivered: string[] = [];
    let failOnce = true;
    const poller = new StreamPoller({
      client,
      endpoint,
      table,
      idleDelayMs: 20,
      deliver: async (event: DynamoDBStreamEvent) => {
        const events = event.Records.filter((r) => r.dynamodb?.NewImage?.kind?.S === 'event');
        for (const [i, record] of events.entries()) {
          if (failOnce && i === 1) {
            failOnce = false;
            return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
          }
          delivered.push(`${record.dynamodb?.NewImage?.stream?.S}#${record.dynamodb?.NewImage?.seq?.N}`);
        }
        return { batchItemFailures: [] };
      },
    });
    await poller.start();
    try {
      let version = 0;
      for (let i = 0; i < 3; i += 1)
        version = (
          await store.append({
            stream: 's/1',
            expectedVersion: version,
            events: [
              { type: 'T.E', version: 1, data: {} },
              { type: 'T.E', version: 1, data: {} },
            ],
            actor: { id: 'u', role: 'admin', agency: 'A' },
            correlationId: 'c',
            agency: 'A',
          })
        ).version;
      await waitFor(() => new Set(delivered).size === 6);
      const firstSeen = [...new Set(delivered)];
      expect(firstSeen).toEqual(['s/1#1', 's/1#2', 's/1#3', 's/1#4', 's/1#5', 's/1#6']);
      expect(failOnce).toBe(false);
    } finally {
      await poller.stop();
      client.destroy();
    }
  });
});
