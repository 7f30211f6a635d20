import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLE_SYSTEM, externalEvents } from '#events/external/external-events.v1';
import { eventCatalog } from '#ingest/domain/catalog';
import { checkEntry } from '#ingest/domain/cloudevents';
import {
  type SchemaEntry as CatalogEntry,
  entryBreaks as catalogBreaks,
  catalogSchemas,
  eventSchemas,
} from '../../scripts/schema-compat.ts';

const snapshot: CatalogEntry[] = JSON.parse(readFileSync(resolve(__dirname, '../../events/external/catalog.snapshot.json'), 'utf8'));
const catalog = eventCatalog();
const current: CatalogEntry[] = catalogSchemas();
const events: CatalogEntry[] = JSON.parse(readFileSync(resolve(__dirname, '../../events/schemas.snapshot.json'), 'utf8'));
const copy = <T>(x: T): T => structuredClone(x);

describe('the event catalog (GET /events/catalog)', () => {
  it('breaks nothing a sending system relies on: every published type and version accepts what it accepted', async () => {
    expect(await catalogBreaks(snapshot, current)).toEqual([]);
  });

  it('matches the committed snapshot (after an additive change: npm run events:snapshot)', () => {
    expect(current).toEqual(snapshot);
  });

  it('breaks no stored event: every type and version of the registry, internal too, accepts what it accepted', async () => {
    expect(await catalogBreaks(events, eventSchemas())).toEqual([]);
    expect(eventSchemas()).toEqual(events);
  });

  it('would fail on a removed field, a narrowed type, a removed enum value, a newly required field or a tighter bound', async () => {
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
    const shorter = copy(entry);
    props(shorter).signal = { ...props(shorter).signal, maxLength: 50 };
    const repatterned = copy(entry);
    props(repatterned).observedOn = { ...props(repatterned).observedOn, pattern: '^\\d{4}$' };
    expect((await catalogBreaks([entry], [removed]))[0]).toContain('External.RiskSignal v1: (data): values no longer accepted');
    expect((await catalogBreaks([entry], [narrowed]))[0]).toContain('values no longer accepted');
    expect(await catalogBreaks([entry], [fewer])).toEqual([
      'External.RiskSignal v1: (data).severity: value(s) no longer accepted: "medium"',
    ]);
    expect((await catalogBreaks([entry], [required]))[0]).toContain('values no longer accepted');
    expect((await catalogBreaks([entry], [shorter]))[0]).toContain('"maxLength"');
    expect(await catalogBreaks([entry], [repatterned])).toEqual(['External.RiskSignal v1: (data).observedOn: pattern changed']);
    expect(await catalogBreaks([entry], [])).toEqual([
      'External.RiskSignal v1: removed (a published version stays; add a new one instead)',
    ]);
  });

  it('allows an added optional field and a widened enum, and a new version beside the old', async () => {
    const entry = snapshot.find((e) => e.type === 'External.RiskSignal') as CatalogEntry;
    const wider = copy(entry);
    const props = wider.schema.properties as Record<string, Record<string, unknown>>;
    props.region = { type: 'string' };
    props.severity = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] };
    expect(await catalogBreaks([entry], [wider, { ...copy(entry), version: 2, schema: { type: 'object' } }])).toEqual([]);
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
