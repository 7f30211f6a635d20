import fc from 'fast-check';
import { type ExternalEventDefinition, ExternalPenaltyDecision, ExternalRiskSignal } from '#events/external/external-events.v1';
import { type CheckedEvent, checkEntry, entriesOf, type PostingSystem, REJECT_REASONS } from '#ingest/domain/cloudevents';
import { type ExternalRecord, withReport } from '#ingest/domain/external-record';
import { type IngestDeps, ingest, keyOf } from '#ingest/domain/ingest';
import type { Problem } from '#shared/problem';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const AGENCY = 'SAMR-110105';
const ENTITY = '91110105MA01ABCD13';
const OTHER_AGENCY_ENTITY = '91440300MA5DXXXX2Y';
const SYSTEM: PostingSystem = {
  id: 'tax-110105',
  clientId: 'tax-client',
  name: '税务',
  agency: AGENCY,
  source: 'urn:cn:gov:tax:110105',
  eventTypes: ['External.PenaltyDecision', 'External.RiskSignal', 'External.CaseStatusChange'],
  ratePerSecond: 10,
};
const NOW = new Date('2026-11-25T08:00:00Z');
const decision = (id: string, time = '2026-11-20T02:00:00Z', over: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  source: SYSTEM.source,
  type: 'External.PenaltyDecision',
  time,
  subject: ENTITY,
  datacontenttype: 'application/json',
  data: { decisionNumber: `税罚${id}`, decidedOn: '2026-11-20', penalty: { types: ['fine'], fine: 500 }, legalBasis: '税收征管法' },
  ...over,
});

async function world() {
  const store = new InMemoryEventStore();
  const head = (stream: string, agency: string) =>
    store.append({
      stream,
      expectedVersion: 0,
      events: [{ type: 'Test.Created', version: 1, data: {} }],
      actor: { id: 't', role: 'admin', agency },
      agency,
      correlationId: 'c',
      head: { state: {} },
    });
  await head(`entity/${AGENCY}/${ENTITY}`, AGENCY);
  await head('case/case-1', AGENCY);
  await head('case/case-9', 'SAMR-440305');
  const deps: IngestDeps = {
    store,
    reader: store,
    markers: {
      existing: async (keys) => new Set(keys.filter((k) => store.sideItems.has(`INGEST#${k.source} ${k.id}`)).map(keyOf)),
    },
    clock: () => NOW,
  };
  return { store, deps };
}

describe('checking one CloudEvent', () => {
  const reasonOf = (entry: unknown) => {
    const r = checkEntry(entry, SYSTEM, NOW);
    return r.ok ? 'accepted' : r.rejection.reason;
  };

  it('names every rejection reason', () => {
    const cases: [string, unknown][] = [
      ['invalid-envelope', { ...decision('a'), specversion: '0.3' }],
      ['invalid-envelope', { ...decision('a'), time: undefined }],
      ['invalid-envelope', { ...decision('a'), data_base64: 'AA==' }],
      ['invalid-envelope', { ...decision('a'), 'Bad-Ext': 1 }],
      ['source-not-registered', { ...decision('a'), source: 'urn:someone-else' }],
      ['unknown-type', { ...decision('a'), type: 'External.Nope' }],
      ['type-not-registered', { ...decision('a'), type: 'External.InspectionResult' }],
      ['unknown-dataschema', { ...decision('a'), dataschema: 'urn:regulator:events:External.PenaltyDecision:v9' }],
      ['invalid-subject', { ...decision('a'), subject: 'not-a-code' }],
      ['invalid-subject', { ...decision('a'), type: 'External.CaseStatusChange', data: {} }],
      ['time-in-future', decision('a', '2026-11-25T09:00:00Z')],
      ['invalid-data', { ...decision('a'), data: { decisionNumber: 'x' } }],
      ['invalid-envelope', { ...decision('a'), subject: 'a\ud800' }],
      ['entry-too-large', { ...decision('a'), bigext: 'x'.repeat(600 * 1024) }],
      ['accepted', { ...decision('a'), traceparent: '00-abc', dataschema: 'urn:regulator:events:External.PenaltyDecision:v1' }],
    ];
    for (const [reason, entry] of cases) expect([reason, reasonOf(entry)]).toEqual([reason, reason]);
    const tested = new Set(cases.map(([r]) => r));
    // subject-not-in-agency needs the table: it is tested with ingest below.
    expect(REJECT_REASONS.filter((r) => !tested.has(r))).toEqual(['subject-not-in-agency']);
  });

  it('names each field at fault of a refused envelope or data, as every other 400 does', () => {
    const data = checkEntry({ ...decision('a'), data: { decisionNumber: 'x' } }, SYSTEM, NOW);
    expect(data.ok ? [] : (data.rejection.errors ?? []).map((e) => e.field)).toEqual(
      expect.arrayContaining(['data.decidedOn', 'data.penalty']),
    );
    const envelope = checkEntry({ ...decision('a'), specversion: '0.3' }, SYSTEM, NOW);
    expect(envelope.ok ? [] : (envelope.rejection.errors ?? []).map((e) => e.field)).toEqual(['specversion']);
  });

  it('takes a batch of 1 to 100 events or one structured event, and refuses the rest as a whole', () => {
    expect(entriesOf('application/cloudevents-batch+json', JSON.stringify([decision('a')]))).toHaveLength(1);
    expect(entriesOf('application/cloudevents+json', JSON.stringify(decision('a')))).toHaveLength(1);
    const status = (type: string, body: string) => {
      try {
        entriesOf(type, body);
        return 200;
      } catch (error) {
        return (error as Problem).status;
      }
    };
    expect(status('application/cloudevents-batch+json', JSON.stringify(Array.from({ length: 101 }, (_, i) => decision(`${i}`))))).toBe(400);
    expect(status('application/cloudevents-batch+json', '[]')).toBe(400);
    expect(status('application/cloudevents-batch+json', '{')).toBe(400);
    expect(status('application/cloudevents-batch+json', JSON.stringify(decision('a')))).toBe(400);
    expect(status('application/json', '[]')).toBe(415);
    // Binary mode: attributes in ce-* headers, the data as the JSON body.
    const [binary] = entriesOf('application/json', JSON.stringify({ a: 1 }), {
      'ce-specversion': '1.0',
      'ce-id': 'b-1',
      'ce-source': 'urn:x%3Ay',
      'ce-type': 'External.RiskSignal',
    });
    expect(binary).toEqual({
      specversion: '1.0',
      id: 'b-1',
      source: 'urn:x:y',
      type: 'External.RiskSignal',
      datacontenttype: 'application/json',
      data: { a: 1 },
    });
  });
});

describe('the external record follows time, not arrival', () => {
  const checked = (id: string, time: string, fine: number, type: ExternalEventDefinition = ExternalPenaltyDecision): CheckedEvent => ({
    def: type,
    source: SYSTEM.source,
    id,
    time,
    subject: ENTITY,
    subjectKind: 'entity',
    data: { fine },
  });

  it('folds any order of the same reports to the same record, byte for byte', () => {
    const report = fc.record({
      id: fc.string({ minLength: 1, maxLength: 4 }),
      time: fc.integer({ min: 0, max: 50 }).map((m) => new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString()),
      fine: fc.nat(1000),
      risk: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc
          .uniqueArray(report, { selector: (r) => r.id, minLength: 1, maxLength: 30 })
          .chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length }))),
        ([inOrder, shuffled]) => {
          const fold = (rs: typeof inOrder) =>
            rs.reduce<ExternalRecord | undefined>(
              (s, r) => withReport(s, checked(r.id, r.time, r.fine, r.risk ? ExternalRiskSignal : ExternalPenaltyDecision), SYSTEM),
              undefined,
            );
          expect(JSON.stringify(fold(shuffled))).toBe(JSON.stringify(fold(inOrder)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the later report when an older one arrives after it', () => {
    const newer = withReport(undefined, checked('2', '2026-11-21T00:00:00.000Z', 900), SYSTEM);
    const both = withReport(newer, checked('1', '2026-11-20T00:00:00.000Z', 100), SYSTEM);
    expect(both.latest['External.PenaltyDecision']).toMatchObject({ id: '2', data: { fine: 900 } });
    expect(both).toMatchObject({ counts: { 'External.PenaltyDecision': 2 }, firstTime: '2026-11-20T00:00:00.000Z' });
  });
});

describe('ingesting a batch', () => {
  it('answers each entry in order: accepted, duplicate (in the batch and later), rejected', async () => {
    const { deps, store } = await world();
    const batch = [
      decision('1'),
      decision('1'),
      { ...decision('2'), subject: OTHER_AGENCY_ENTITY },
      {
        ...decision('3'),
        subject: 'case-9',
        type: 'External.RiskSignal',
        data: { signal: 'S', severity: 'low', description: 'd', observedOn: '2026-11-01' },
      },
      { ...decision('4'), subject: 'case-1', type: 'External.CaseStatusChange', data: { externalCaseNumber: 'X', status: 'accepted' } },
      { not: 'an event' },
    ];
    const results = await ingest(deps, SYSTEM, batch, 'corr');
    expect(results.map((r) => [r.status, 'reason' in r ? r.reason : undefined])).toEqual([
      ['accepted', undefined],
      ['duplicate', undefined],
      ['rejected', 'subject-not-in-agency'],
      ['rejected', 'subject-not-in-agency'],
      ['accepted', undefined],
      ['rejected', 'invalid-envelope'],
    ]);
    const again = await ingest(deps, SYSTEM, batch, 'corr');
    expect(again.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'rejected', 'rejected', 'duplicate', 'rejected']);
    const timeline = store.events.get(`external/${AGENCY}/case-1`) ?? [];
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({
      type: 'External.CaseStatusChange',
      actor: { id: 'tax-110105', role: 'enforcement-system', agency: AGENCY },
      occurredAt: '2026-11-20T02:00:00.000Z',
    });
  });

  it('treats events another request accepted meanwhile as duplicates, and appends the rest', async () => {
    const { deps, store } = await world();
    // The other request's append lands between this one's duplicate check and its own append.
    const racing: IngestDeps = { ...deps, markers: { existing: async () => new Set() } };
    await ingest(deps, SYSTEM, [decision('1')], 'first');
    const results = await ingest(racing, SYSTEM, [decision('1'), decision('2')], 'second');
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    expect(store.events.get(`external/${AGENCY}/${ENTITY}`)?.map((e) => (e.data as { id: string }).id)).toEqual(['1', '2']);
  });

  it('splits a subject’s events into transactions of at most 49', async () => {
    const { deps, store } = await world();
    const batch = Array.from({ length: 100 }, (_, i) => decision(`n${i}`));
    const results = await ingest(deps, SYSTEM, batch, 'c');
    expect(results.every((r) => r.status === 'accepted')).toBe(true);
    expect(store.heads.get(`external/${AGENCY}/${ENTITY}`)?.version).toBe(100);
    expect(new Set(store.events.get(`external/${AGENCY}/${ENTITY}`)?.map((e) => e.correlationId))).toEqual(new Set(['c']));
  });
});
