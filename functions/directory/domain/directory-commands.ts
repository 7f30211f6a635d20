import type { Actor } from '#records/domain/recorded-event';
import type { AppendInput, EventStore, HeadReader, ListQuery, StoredRecord } from '#records/ports';
import { AlreadyExistsError, NotFoundError, VersionConflictError } from '#shared/errors';
import type { RecordKind } from './record-kinds.ts';

export interface DirectoryDeps {
  store: EventStore;
  reader: HeadReader;
}

/** Who acts, for which agency, under which correlation id. */
export interface CommandContext {
  actor: Actor;
  agency: string;
  correlationId: string;
}

export type RecordView<S> = S & { agency: string; version: number; updatedAt: string };

export function viewOf<S>(record: StoredRecord<S>): RecordView<S> {
  return { ...record.state, agency: record.agency, version: record.version, updatedAt: record.updatedAt };
}

/**
 * A directory record is the fold of its events (DESIGN §4): registered with its state, then each update's changes
 * laid over it. Commands compute the head's state with it, so head and history cannot disagree.
 */
export function evolveRecord<S>(kind: RecordKind<S>, state: S | undefined, event: { type: string; data: unknown }): S {
  if (event.type === kind.registered.DETAIL_TYPE) return event.data as S;
  if (state === undefined) throw new Error(`A ${kind.label} stream must start with ${kind.registered.DETAIL_TYPE}, not ${event.type}`);
  if (event.type === kind.updated.DETAIL_TYPE) return { ...state, ...(event.data as { changes: Partial<S> }).changes };
  return state;
}

export const foldRecord = <S>(kind: RecordKind<S>, events: readonly { type: string; data: unknown }[]): S | undefined =>
  events.reduce<S | undefined>((state, event) => evolveRecord(kind, state, event), undefined);

function appendInput<S>(kind: RecordKind<S>, ctx: CommandContext, owner: string, registered: S): AppendInput {
  const id = String(registered[kind.idField]);
  const event = { type: kind.registered.DETAIL_TYPE, version: kind.registered.VERSION, data: registered as Record<string, unknown> };
  const state = evolveRecord(kind, undefined, event);
  return {
    stream: kind.stream(owner, id),
    expectedVersion: 0,
    events: [event],
    actor: ctx.actor,
    agency: owner,
    correlationId: ctx.correlationId,
    head: { state, index: kind.index(owner, state) },
  };
}

export async function registerRecord<S>(deps: DirectoryDeps, kind: RecordKind<S>, ctx: CommandContext, state: S): Promise<RecordView<S>> {
  const id = String(state[kind.idField]);
  try {
    const { version, events } = await deps.store.append(appendInput(kind, ctx, ctx.agency, state));
    return { ...state, agency: ctx.agency, version, updatedAt: events[0]?.recordedAt ?? '' };
  } catch (error) {
    if (error instanceof VersionConflictError) throw new AlreadyExistsError(`${kind.label} ${id}`);
    throw error;
  }
}

export async function readRecord<S>(deps: DirectoryDeps, kind: RecordKind<S>, agency: string, id: string): Promise<StoredRecord<S>> {
  const record = await deps.reader.get<S>(kind.stream(agency, id));
  // Another agency's record answers exactly as a missing one (DESIGN §5, BOLA).
  if (record === undefined || !kind.visibleTo(agency, record.agency, record.state)) throw new NotFoundError(`${kind.label} ${id}`);
  return record;
}

/** Applies the fields that differ; an unchanged record records no event. */
export async function updateRecord<S>(
  deps: DirectoryDeps,
  kind: RecordKind<S>,
  ctx: CommandContext,
  id: string,
  expectedVersion: number,
  patch: Partial<S>,
): Promise<RecordView<S>> {
  const current = await readRecord(deps, kind, ctx.agency, id);
  if (current.version !== expectedVersion) throw new VersionConflictError(expectedVersion, current.version);
  const changes: Partial<S> = {};
  for (const [field, value] of Object.entries(patch) as [keyof S & string, S[keyof S]][]) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(current.state[field])) changes[field] = value as S[typeof field];
  }
  if (Object.keys(changes).length === 0) return viewOf(current);
  const event = { type: kind.updated.DETAIL_TYPE, version: kind.updated.VERSION, data: { [kind.idField]: id, changes } };
  const state = evolveRecord(kind, current.state, event);
  const { version, events } = await deps.store.append({
    stream: kind.stream(current.agency, id),
    expectedVersion,
    prevHash: current.lastHash,
    events: [event],
    actor: ctx.actor,
    agency: current.agency,
    correlationId: ctx.correlationId,
    head: { state, index: kind.index(current.agency, state) },
  });
  return { ...state, agency: current.agency, version, updatedAt: events[0]?.recordedAt ?? current.updatedAt };
}

export async function listRecords<S>(deps: DirectoryDeps, query: ListQuery): Promise<{ items: RecordView<S>[]; cursor?: string }> {
  const page = await deps.reader.list<S>(query);
  return { items: page.items.map(viewOf), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
}
