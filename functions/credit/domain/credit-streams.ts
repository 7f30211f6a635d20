import type { Actor, NewEvent } from '#records/domain/recorded-event';
import type { ListQuery, StoredRecord } from '#records/ports';
import { NotFoundError } from '#shared/errors';
import type { CreditDeps } from '../ports.ts';

/** Who acts: the actor recorded on the events; the agency is theirs. */
export interface CreditWriter {
  actor: Actor;
  correlationId: string;
}

/** Every head of a list, page after page. */
export async function allHeads<S>(
  deps: Pick<CreditDeps, 'reader'>,
  list: Omit<ListQuery, 'limit' | 'cursor'>,
  pageSize = 100,
): Promise<StoredRecord<S>[]> {
  const items: StoredRecord<S>[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<S>({ ...list, limit: pageSize, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return items;
}

/**
 * A step on one of the agency's credit streams (a listing, an objection, a repair, an override): another agency's, or
 * none, answers 404 as `what`; the step's events are appended with the head it folds to, guarded by the version read.
 */
export async function stepOnStream<S>(
  deps: CreditDeps,
  who: CreditWriter,
  target: { stream: string; what: string; index: (state: S) => Record<string, string> },
  step: (state: S) => { events: NewEvent[]; state: S },
): Promise<S> {
  const head = await deps.reader.get<S>(target.stream);
  if (head === undefined || head.agency !== who.actor.agency) throw new NotFoundError(target.what);
  const next = step(head.state);
  await deps.store.append({
    stream: target.stream,
    expectedVersion: head.version,
    prevHash: head.lastHash,
    events: next.events,
    actor: who.actor,
    agency: head.agency,
    correlationId: who.correlationId,
    head: { state: next.state, index: target.index(next.state) },
  });
  return next.state;
}
