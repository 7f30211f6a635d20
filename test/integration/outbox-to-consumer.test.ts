import { entityInput } from '../support/directory-fixtures.ts';
import { api, eventually, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';

/**
 * Over the running local runtime: a directory change is an event item, the stream poller hands it to the
 * outbox publisher, the publisher puts it on the bus, the bus delivers it to the activity-feed consumer.
 */
describe('every change goes through the outbox and the bus to a consumer', () => {
  let platform: RunningPlatform;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    platform = await startPlatform();
    call = api(
      platform.url,
      await tokenFor(platform.url, { sub: 'sup-1', roles: ['supervisor'], agency: 'SAMR-110105', jurisdiction: '110105' }),
    );
  }, 60_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('delivers a registration and an update, chained and in order, to the activity feed', async () => {
    const created = await call('POST', '/entities', entityInput(1), { 'x-correlation-id': 'trace-outbox-1' });
    expect(created.status).toBe(201);
    const updated = await call('PATCH', `/entities/${created.json.uscc}`, { expectedVersion: 1, creditClass: 'C' });
    expect(updated.status).toBe(200);
    // The entity's own stream: the credit context also reacts to the change (Credit.ClassChanged on the class stream),
    // and whether that has reached the feed yet depends on the machine's speed.
    const stream = `entity/SAMR-110105/${created.json.uscc}`;
    const feed = await eventually(async () => {
      const page = await call('GET', '/activity?limit=10');
      const own = page.json.items.filter((e: { stream: string }) => e.stream === stream);
      return own.length >= 2 ? own : undefined;
    });
    expect(feed.map((e: { type: string; seq: number }) => [e.type, e.seq])).toEqual([
      ['Directory.EntityUpdated', 2],
      ['Directory.EntityRegistered', 1],
    ]);
    expect(feed[1]).toMatchObject({
      stream,
      correlationId: 'trace-outbox-1',
      actor: { id: 'sup-1', role: 'supervisor' },
    });
  });

  it('keeps each agency’s feed to itself', async () => {
    const other = api(platform.url, await tokenFor(platform.url, { sub: 'aud', roles: ['auditor'], agency: 'OTHER', jurisdiction: '11' }));
    expect((await other('GET', '/activity')).json.items).toEqual([]);
  });
});
