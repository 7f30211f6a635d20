import { z } from 'zod';
import { eventRegistry, sourceOf } from '#events/registry';
import { toEntry } from '#outbox/domain/to-entries';
import { chainEvents } from '#records/domain/append';
import { GENESIS_HASH } from '#records/domain/hash-chain';

describe('the event registry', () => {
  it('declares each type and version once', () => {
    const keys = eventRegistry.map((e) => `${e.DETAIL_TYPE}@${e.VERSION}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(eventRegistry.map((e) => [e.DETAIL_TYPE, e] as const))('%s: its example is valid data', (_type, definition) => {
    expect(definition.data.safeParse(definition.example).success).toBe(true);
  });

  it.each(eventRegistry.map((e) => [e.DETAIL_TYPE, e] as const))('%s: is published by the source its name implies', (_type, definition) => {
    expect(definition.SOURCE).toBe(sourceOf(definition.DETAIL_TYPE));
  });

  it.each(eventRegistry.map((e) => [e.DETAIL_TYPE, e] as const))(
    '%s: what the outbox puts on the bus is what consumers parse',
    (_type, definition) => {
      const [stored] = chainEvents({
        stream: 'entity/A/x',
        version: 0,
        prevHash: GENESIS_HASH,
        events: [{ type: definition.DETAIL_TYPE, version: definition.VERSION, data: definition.example as Record<string, unknown> }],
        actor: { id: 'u', role: 'admin', agency: 'A' },
        correlationId: 'c',
        now: new Date('2026-01-01T00:00:00.000Z'),
      });
      const entry = toEntry(stored as never, 'A', 'regulator');
      expect(entry).toMatchObject({ Source: definition.SOURCE, DetailType: definition.DETAIL_TYPE });
      expect(definition.detail.safeParse(JSON.parse(entry.Detail)).success).toBe(true);
    },
  );

  it('exports every detail schema as JSON Schema', () => {
    for (const definition of eventRegistry) {
      expect(z.toJSONSchema(definition.detail)).toMatchObject({ type: 'object', required: expect.arrayContaining(['hash', 'data']) });
    }
  });
});
