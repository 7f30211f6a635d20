import { entityStream } from '#directory/adapters/table-layout';
import type { Actor } from '#records/domain/recorded-event';
import { NotFoundError } from '#shared/errors';
import { listingIndex, listingStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { type ListingState, listEntity, removeListing } from './listings.ts';

/** Who acts: the actor recorded on the events; the agency is theirs. */
export interface CreditWriter {
  actor: Actor;
  correlationId: string;
}

/** Puts an entity of the agency's directory on a list (404 for an entity outside it). */
export async function listEntityOf(
  deps: CreditDeps,
  who: CreditWriter,
  uscc: string,
  body: { list: 'abnormal' | 'serious'; cause: string; caseId?: string | undefined },
): Promise<ListingState> {
  const agency = who.actor.agency;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const listed = listEntity({ listingId: `listing-${crypto.randomUUID()}`, agency, uscc, ...body, today: deps.today() });
  await deps.store.append({
    stream: listingStream(listed.state.listingId),
    expectedVersion: 0,
    events: listed.events,
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state: listed.state, index: listingIndex(listed.state) },
  });
  return listed.state;
}

/** Removes a listing of the agency (another agency's answers 404; the rules of the list decide the rest). */
export async function removeListingOf(deps: CreditDeps, who: CreditWriter, listingId: string, reason: string): Promise<ListingState> {
  const head = await deps.reader.get<ListingState>(listingStream(listingId));
  if (head === undefined || head.agency !== who.actor.agency) throw new NotFoundError(`Listing ${listingId}`);
  const removed = removeListing(head.state, { reason, today: deps.today() });
  await deps.store.append({
    stream: listingStream(listingId),
    expectedVersion: head.version,
    prevHash: head.lastHash,
    events: removed.events,
    actor: who.actor,
    agency: head.agency,
    correlationId: who.correlationId,
    head: { state: removed.state, index: listingIndex(removed.state) },
  });
  return removed.state;
}
