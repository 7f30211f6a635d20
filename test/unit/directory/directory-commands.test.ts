import { listRecords, readRecord, registerRecord, updateRecord } from '#directory/domain/directory-commands';
import { type EntityState, entityKind, inspectionItemKind } from '#directory/domain/record-kinds';
import { EntityBody } from '#directory/schemas';
import { verifyChain } from '#records/domain/hash-chain';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '#shared/errors';
import { entityInput } from '../../support/directory-fixtures.ts';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const ctx = (agency = 'SAMR-110105') => ({ actor: { id: 'u1', role: 'supervisor', agency }, agency, correlationId: 'corr-1' });
const entity = (serial: number, overrides: Partial<EntityState> = {}): EntityState =>
  EntityBody.parse(entityInput(serial, overrides)) as EntityState;

describe('directory commands', () => {
  let store: InMemoryEventStore;
  let deps: { store: InMemoryEventStore; reader: InMemoryEventStore };
  beforeEach(() => {
    store = new InMemoryEventStore();
    deps = { store, reader: store };
  });

  it('registers an entity as version 1 with a registration event on its own stream', async () => {
    const view = await registerRecord(deps, entityKind, ctx(), entity(1));
    expect(view).toMatchObject({ uscc: entity(1).uscc, agency: 'SAMR-110105', version: 1 });
    const [event] = store.events.get(`entity/SAMR-110105/${entity(1).uscc}`) ?? [];
    expect(event).toMatchObject({ seq: 1, type: 'Directory.EntityRegistered', actor: { id: 'u1' }, correlationId: 'corr-1' });
  });

  it('refuses to register the same entity twice in one agency', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1));
    await expect(registerRecord(deps, entityKind, ctx(), entity(1))).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('hides an entity from another agency as if it did not exist', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1));
    await expect(readRecord(deps, entityKind, 'OTHER', entity(1).uscc)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('records only the fields that changed and chains the update to the registration', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1));
    const view = await updateRecord(deps, entityKind, ctx(), entity(1).uscc, 1, { creditClass: 'C', name: entity(1).name });
    expect(view).toMatchObject({ version: 2, creditClass: 'C' });
    const events = store.events.get(`entity/SAMR-110105/${entity(1).uscc}`) ?? [];
    expect(events[1]?.data).toEqual({ uscc: entity(1).uscc, changes: { creditClass: 'C' } });
    expect(verifyChain(events).ok).toBe(true);
  });

  it('refuses a stale expected version, naming the current one', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1));
    await updateRecord(deps, entityKind, ctx(), entity(1).uscc, 1, { creditClass: 'B' });
    await expect(updateRecord(deps, entityKind, ctx(), entity(1).uscc, 1, { creditClass: 'C' })).rejects.toEqual(
      new VersionConflictError(1, 2),
    );
  });

  it('records no event for an update that changes nothing', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1));
    const view = await updateRecord(deps, entityKind, ctx(), entity(1).uscc, 1, { creditClass: 'A' });
    expect(view.version).toBe(1);
    expect(store.events.get(`entity/SAMR-110105/${entity(1).uscc}`)).toHaveLength(1);
  });

  it('lists by region prefix through the index keys the kind declares', async () => {
    await registerRecord(deps, entityKind, ctx(), entity(1, { region: '110105' }));
    await registerRecord(deps, entityKind, ctx(), entity(2, { region: '440305' }));
    const page = await listRecords<EntityState>(deps, { index: 'gsi1', partition: 'ENTITY#SAMR-110105', prefix: '44', limit: 10 });
    expect(page.items.map((e) => e.region)).toEqual(['440305']);
  });

  it('shows a catalog item to each owning agency and to no other', async () => {
    const item = {
      code: 'SC-1',
      name: '检查',
      legalBasis: '食品安全法',
      checklist: [{ id: 'q1', question: '?', mandatory: true }],
      owningAgencies: ['A', 'B'],
    };
    await registerRecord(deps, inspectionItemKind, ctx('A'), item);
    await expect(readRecord(deps, inspectionItemKind, 'B', 'SC-1')).resolves.toMatchObject({ agency: 'A' });
    await expect(readRecord(deps, inspectionItemKind, 'C', 'SC-1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
