import { classesOf, classStream } from '#credit/adapters/table-layout';
import { reclassify } from '#credit/domain/classification';
import { isReclassificationDay, reclassifyEntity, reclassifyMonthly } from '#credit/domain/classification-commands';
import { factsOf } from '#credit/domain/facts';
import { runReclassification } from '#credit/domain/monthly-run';
import { creditProfile } from '#credit/domain/profile';
import { subjectOf } from '#credit/domain/reclassification-triggers';
import type { CreditDeps } from '#credit/ports';
import { creditSettings } from '#credit/settings';
import { agencyIndex, entityStream } from '#directory/adapters/table-layout';
import { withCheckCharacter } from '#directory/domain/uscc';
import { PenaltyDecided } from '#events/cases/case-events.v1';
import { ClassChanged, EntityListed } from '#events/credit/credit-events.v1';
import { EntityRegistered } from '#events/directory/entity-registered.v1';
import { EntityUpdated } from '#events/directory/entity-updated.v1';
import { ExternalPenaltyDecision } from '#events/external/external-events.v1';
import { externalRecordStream } from '#ingest/adapters/table-layout';
import { calendarOf } from '#shared/calendar';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const agency = 'SAMR-110105';
const uscc = '91110105MA01ABCD13';
const actor = { id: 'admin-1', role: 'admin' as const, agency };

/** A store with the entity in the agency's directory (national class `national`) and the agency on the agency list. */
async function storeWith(national: 'A' | 'B' | 'C' | 'D') {
  const store = new InMemoryEventStore();
  const registered = { ...EntityRegistered.example, uscc, creditClass: national };
  await store.append({
    stream: entityStream(agency, uscc),
    expectedVersion: 0,
    events: [{ type: EntityRegistered.DETAIL_TYPE, version: 1, data: registered }],
    actor,
    agency,
    correlationId: 'c',
    head: { state: registered, index: {} },
  });
  await store.append({
    stream: `agency/${agency}`,
    expectedVersion: 0,
    events: [{ type: 'Directory.AgencyRegistered', version: 1, data: { code: agency } }],
    actor,
    agency,
    correlationId: 'c',
    head: { state: { code: agency }, index: agencyIndex({ code: agency }) },
  });
  return store;
}

/** Another department's fine of `fine` yuan, decided on `decidedOn`, about the entity. */
const externalFine = async (store: InMemoryEventStore, fine: number, decidedOn: string) => {
  const stream = externalRecordStream(agency, uscc);
  const head = await store.get(stream);
  const data = {
    ...ExternalPenaltyDecision.example,
    id: `fine-${decidedOn}-${fine}`,
    data: { ...ExternalPenaltyDecision.example.data, decidedOn, penalty: { types: ['fine'], fine } },
  };
  await store.append({
    stream,
    expectedVersion: head?.version ?? 0,
    events: [{ type: ExternalPenaltyDecision.DETAIL_TYPE, version: 1, data }],
    actor: { id: 'tax-110105', role: 'system', agency },
    agency,
    correlationId: 'c',
    head: { state: {}, index: {} },
  });
  return { type: ExternalPenaltyDecision.DETAIL_TYPE, stream, seq: (head?.version ?? 0) + 1 };
};

const calendar = calendarOf((date) => ({ working: ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()), provisional: false }));
const depsOf = (store: InMemoryEventStore, today: string): CreditDeps => ({
  store,
  reader: store,
  today: () => today,
  calendar,
  settings: creditSettings({}),
  access: { record: async () => undefined },
});
const classEvents = (store: InMemoryEventStore) => (store.events.get(classStream(agency, uscc)) ?? []).map((e) => e.data);

describe('re-classification (Credit.ClassChanged)', () => {
  it('records a first class, then only a change of class, never a score that stays within its class', () => {
    const subject = { agency, uscc };
    const cause = { kind: 'monthly' as const };
    const first = reclassify(undefined, { class: 'A', score: 1000, asOf: '2026-05-01', rules: ['credit-v1'] }, subject, cause);
    expect(first?.events[0]).toMatchObject({ type: ClassChanged.DETAIL_TYPE, data: { from: null, to: 'A', score: 1000 } });
    const head = first?.state;
    expect(reclassify(head, { class: 'A', score: 910, asOf: '2026-05-02', rules: ['credit-v1'] }, subject, cause)).toBeUndefined();
    const changed = reclassify(head, { class: 'B', score: 890, asOf: '2026-05-03', rules: ['credit-v1'] }, subject, cause);
    expect(changed?.events[0]?.data).toMatchObject({ from: 'A', to: 'B', score: 890, asOf: '2026-05-03' });
    expect(changed?.state).toMatchObject({ class: 'B', score: 890 });
    expect(() => ClassChanged.data.parse(changed?.events[0]?.data)).not.toThrow();
  });

  it('re-classifies when a fact arrives (A, B, then C after fines of another department), on the class index', async () => {
    const store = await storeWith('A');
    const deps = depsOf(store, '2026-05-10');
    const arrived = await externalFine(store, 5_000, '2026-05-06');
    // 1000 - 50: still A, recorded as the first class.
    expect(await reclassifyEntity(deps, { agency, uscc }, { kind: 'fact', event: arrived }, 'c')).toMatchObject({
      changed: true,
      state: { class: 'A', score: 950 },
    });
    // Again with nothing new: the class is the same, nothing recorded.
    expect(await reclassifyEntity(deps, { agency, uscc }, { kind: 'monthly' }, 'c')).toMatchObject({ changed: false });
    expect(classEvents(store)).toHaveLength(1);
    const heavy = await externalFine(store, 200_000, '2026-05-08');
    await reclassifyEntity(deps, { agency, uscc }, { kind: 'fact', event: heavy }, 'c');
    const second = await externalFine(store, 200_000, '2026-05-09');
    await reclassifyEntity(deps, { agency, uscc }, { kind: 'fact', event: second }, 'c');
    // 1000 - 50 (5,000) - 150 (200,000: the tier up to 1,000,000): 800, B; another 150: 650, C (a few days of decay round
    // away from 0, so each still counts whole).
    expect(classEvents(store).map((d) => [(d as { from: string }).from, (d as { to: string }).to, (d as { score: number }).score])).toEqual(
      [
        [null, 'A', 950],
        ['A', 'B', 800],
        ['B', 'C', 650],
      ],
    );
    expect(classEvents(store)[2]).toMatchObject({ cause: { kind: 'fact', event: second } });
    const listed = await store.list({ ...classesOf(agency), limit: 10 });
    expect(listed.items.map((h) => [h.stream, h.version])).toEqual([[classStream(agency, uscc), 3]]);
  });

  it('never classes better than the class the national system gave, and follows a change of it', async () => {
    const store = await storeWith('C');
    const deps = depsOf(store, '2026-05-10');
    const events = store.events.get(entityStream(agency, uscc)) ?? [];
    const profile = creditProfile(events.flatMap(factsOf), '2026-05-10');
    expect(profile).toMatchObject({ score: 1000, scoreClass: 'A', class: 'C', capped: { by: 'national' } });
    await reclassifyEntity(deps, { agency, uscc }, { kind: 'rebuild' }, 'c');
    await store.append({
      stream: entityStream(agency, uscc),
      expectedVersion: 1,
      events: [{ type: EntityUpdated.DETAIL_TYPE, version: 1, data: { uscc, changes: { creditClass: 'B' } } }],
      actor,
      agency,
      correlationId: 'c',
    });
    await reclassifyEntity(deps, { agency, uscc }, { kind: 'rebuild' }, 'c');
    expect(classEvents(store).map((d) => (d as { to: string }).to)).toEqual(['C', 'B']);
  });

  it('skips an entity that is not in the agency’s directory', async () => {
    const store = await storeWith('A');
    expect(await reclassifyEntity(depsOf(store, '2026-05-10'), { agency, uscc: '91110105MA01ABCE1X' }, { kind: 'monthly' }, 'c')).toBe(
      undefined,
    );
  });

  it('re-classifies every classified entity on the first of the month, when decay has moved a class', async () => {
    const store = await storeWith('A');
    await externalFine(store, 200_000, '2026-05-06');
    await reclassifyEntity(depsOf(store, '2026-05-07'), { agency, uscc }, { kind: 'monthly' }, 'c');
    expect(classEvents(store).map((d) => (d as { to: string }).to)).toEqual(['B']); // 1000 - 150 (a day decayed): 850
    // 36 months later the fine has decayed to 0.
    const { totals, next } = await reclassifyMonthly(depsOf(store, '2029-06-01'), 'monthly-2029-06');
    expect(next).toBeUndefined();
    expect(totals).toEqual({ agencies: 1, entities: 1, changed: 1, failed: 0 });
    expect(classEvents(store).map((d) => (d as { to: string }).to)).toEqual(['B', 'A']);
    expect(isReclassificationDay('2029-06-01')).toBe(true);
    expect(isReclassificationDay('2029-06-02')).toBe(false);
  });

  it('finds the entity each re-classifying event is about; other events re-classify nothing', async () => {
    const store = await storeWith('A');
    await store.append({
      stream: 'case/c-1',
      expectedVersion: 0,
      events: [{ type: 'Cases.CaseOpened', version: 1, data: {} }],
      actor,
      agency,
      correlationId: 'c',
      head: { state: { entity: uscc }, index: {} },
    });
    const delivered = (type: string, stream: string, data: unknown) => ({ type, stream, data, agency, actor });
    expect(await subjectOf(delivered(PenaltyDecided.DETAIL_TYPE, 'case/c-1', PenaltyDecided.example), store)).toEqual({ agency, uscc });
    expect(await subjectOf(delivered(EntityListed.DETAIL_TYPE, 'credit-listing/l-1', EntityListed.example), store)).toEqual({
      agency,
      uscc: EntityListed.example.uscc,
    });
    const fine = await externalFine(store, 1_000, '2026-05-06');
    expect(await subjectOf(delivered(fine.type, fine.stream, ExternalPenaltyDecision.example), store)).toEqual({ agency, uscc });
    // About a case of the agency: its entity.
    expect(await subjectOf(delivered(fine.type, externalRecordStream(agency, 'c-1'), ExternalPenaltyDecision.example), store)).toEqual({
      agency,
      uscc,
    });
    expect(await subjectOf(delivered(EntityUpdated.DETAIL_TYPE, 'entity/x', { uscc, changes: { name: '新名称' } }), store)).toBe(undefined);
    expect(await subjectOf(delivered(ClassChanged.DETAIL_TYPE, 'credit-class/x', ClassChanged.example), store)).toBe(undefined);
    // The bus is a boundary: data that is not the type's is refused.
    await expect(subjectOf(delivered(EntityListed.DETAIL_TYPE, 'credit-listing/l-1', { uscc: 'nope' }), store)).rejects.toThrow();
  });

  it('hands the month’s run over between invocations, page by page, and records it complete with its totals', async () => {
    const store = await storeWith('A');
    const deps = depsOf(store, '2026-05-07');
    const many = Array.from({ length: 150 }, (_, i) => withCheckCharacter(`91110105${String(500_000 + i).padStart(9, '0')}`));
    for (const code of many) {
      const registered = { ...EntityRegistered.example, uscc: code, creditClass: 'B' as const };
      await store.append({
        stream: entityStream(agency, code),
        expectedVersion: 0,
        events: [{ type: EntityRegistered.DETAIL_TYPE, version: 1, data: registered }],
        actor,
        agency,
        correlationId: 'c',
        head: { state: registered, index: {} },
      });
      await reclassifyEntity(deps, { agency, uscc: code }, { kind: 'rebuild' }, 'c');
    }
    const month = '2026-06';
    const first = await runReclassification(depsOf(store, '2026-06-01'), { month, timeIsUp: () => true });
    expect(first).toMatchObject({ status: 'running', totals: { agencies: 1, entities: 100 }, cursor: { agency } });
    expect(first?.cursor?.classCursor).toBeDefined();
    // Started already this month: a second start does nothing.
    expect(await runReclassification(depsOf(store, '2026-06-01'), { month, timeIsUp: () => true })).toBeUndefined();
    const resume = {
      cursor: first?.cursor ?? { agency },
      totals: first?.totals ?? { agencies: 0, entities: 0, changed: 0, failed: 0 },
      version: 1,
    };
    const second = await runReclassification(depsOf(store, '2026-06-01'), { month, timeIsUp: () => false, resume });
    expect(second).toEqual({ month, status: 'completed', totals: { agencies: 1, entities: 150, changed: 0, failed: 0 } });
    // The same hand-over delivered again finds the run moved on.
    expect(await runReclassification(depsOf(store, '2026-06-01'), { month, timeIsUp: () => false, resume })).toBeUndefined();
    expect((store.events.get('credit-run/2026-06') ?? []).map((e) => e.type)).toEqual([
      'Credit.ReclassificationHandedOver',
      'Credit.ReclassificationCompleted',
    ]);
  });
});
