import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CatalogEntry, catalogBreaks } from '#events/catalog-compat';
import { EXAMPLE_SYSTEM, externalEvents } from '#events/external/external-events.v1';
import { eventCatalog } from '#ingest/domain/catalog';
import { checkEntry } from '#ingest/domain/cloudevents';

const snapshot: CatalogEntry[] = JSON.parse(readFileSync(resolve(__dirname, '../../events/external/catalog.snapshot.json'), 'utf8'));
const catalog = eventCatalog();
const current: CatalogEntry[] = catalog.types.map(({ type, version, schema }) => ({ type, version, schema }));
const copy = <T>(x: T): T => structuredClone(x);

describe('the event catalog (GET /events/catalog)', () => {
  it('breaks nothing a sending system relies on: every published type and version accepts what it accepted', () => {
    expect(catalogBreaks(snapshot, current)).toEqual([]);
  });

  it('matches the committed snapshot (after an additive change: npm run catalog:snapshot)', () => {
    expect(current).toEqual(snapshot);
  });

  it('would fail on a removed field, a narrowed type, a removed enum value or a newly required field', () => {
    const entry = snapshot.find((e) => e.type === 'External.RiskSignal') as CatalogEntry;
    const props = (e: CatalogEntry) => e.schema.properties as Record<string, Record<string, unknown>>;
    const removed = copy(entry);
    delete props(removed).description;
    removed.schema.required = removed.schema.required?.filter((r) => r !== 'description');
    const narrowed = copy(entry);
    props(narrowed).signal = { type: 'integer' };
    const fewer = copy(entry);
    props(fewer).severity = { type: 'string', enum: ['low', 'high'] };
    const required = copy(entry);
    props(required).region = { type: 'string' };
    required.schema.required = [...(required.schema.required ?? []), 'region'];
    expect(catalogBreaks([entry], [removed])).toEqual(['External.RiskSignal v1: (data).description: removed']);
    expect(catalogBreaks([entry], [narrowed])[0]).toContain('(data).signal: type narrowed');
    expect(catalogBreaks([entry], [fewer])).toEqual(['External.RiskSignal v1: (data).severity: enum value(s) removed: "medium"']);
    expect(catalogBreaks([entry], [required])).toEqual(['External.RiskSignal v1: (data).region: newly required']);
    expect(catalogBreaks([entry], [])).toEqual(['External.RiskSignal v1: removed (a published version stays; add a new one instead)']);
  });

  it('allows an added optional field and a widened enum, and a new version beside the old', () => {
    const entry = snapshot.find((e) => e.type === 'External.RiskSignal') as CatalogEntry;
    const wider = copy(entry);
    const props = wider.schema.properties as Record<string, Record<string, unknown>>;
    props.region = { type: 'string' };
    props.severity = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] };
    expect(catalogBreaks([entry], [wider, { ...copy(entry), version: 2, schema: { type: 'object' } }])).toEqual([]);
  });

  it('gives every type an example CloudEvent that the ingest accepts', () => {
    const system = {
      id: 's',
      clientId: 'c',
      name: 'n',
      agency: 'A',
      source: EXAMPLE_SYSTEM.source, // the README registers this system, so its examples post as written
      eventTypes: externalEvents.map((e) => e.DETAIL_TYPE),
      ratePerSecond: 1,
    };
    for (const t of catalog.types) {
      const outcome = checkEntry(t.example, system, new Date('2026-11-25T00:00:00Z'));
      expect([t.type, outcome.ok ? 'ok' : outcome.rejection]).toEqual([t.type, 'ok']);
    }
  });
});
