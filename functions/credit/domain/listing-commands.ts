import { caseStream } from '#cases/adapters/table-layout';
import { entityStream } from '#directory/adapters/table-layout';
import { NotFoundError, RuleViolationError, StateConflictError } from '#shared/errors';
import { listingIndex, listingStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { nextDue } from './credit-clocks.ts';
import { type CreditWriter, stepOnStream } from './credit-streams.ts';
import {
  applyRemoval,
  decideRemoval,
  LIST_RULES,
  type ListingInput,
  type ListingState,
  listEntity,
  type RemovalOutcome,
  removeListing,
} from './listings.ts';

export type { CreditWriter };

/** A listing's head index: by entity, and on the clock index at its application's next open deadline. */
export const listingHeadIndex = (state: ListingState) => listingIndex(state, nextDue(state.application?.deadlines ?? []));

/** Puts an entity of the agency's directory on a list (404 for an entity outside it). */
export async function listEntityOf(
  deps: CreditDeps,
  who: CreditWriter,
  uscc: string,
  body: Pick<ListingInput, 'list' | 'cause' | 'caseId' | 'causeOn' | 'letters'>,
): Promise<ListingState> {
  const agency = who.actor.agency;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  if (body.list === 'serious' && body.caseId !== undefined) await checkHeavierPenalty(deps, agency, uscc, body.caseId);
  const listed = listEntity(
    { listingId: `listing-${crypto.randomUUID()}`, agency, uscc, ...body, today: deps.today() },
    deps.calendar,
    deps.settings.clocks,
  );
  await deps.store.append({
    stream: listingStream(listed.state.listingId),
    expectedVersion: 0,
    events: listed.events,
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state: listed.state, index: listingHeadIndex(listed.state) },
  });
  return listed.state;
}

/** What the serious list checks of the case that lists an entity (the cases context's record). */
interface CaseHead {
  entity: string;
  decision?: { penalty: { types: readonly string[]; level?: string } };
}

/**
 * SAMR Order 44 lists an entity on the serious list together with a heavier penalty: the case must be the agency's,
 * about this entity, and decided with a fine in the heavier range of the discretion table (从重), a suspension or a
 * licence revocation (closing and bans are not penalty types here yet).
 */
async function checkHeavierPenalty(deps: CreditDeps, agency: string, uscc: string, caseId: string): Promise<void> {
  const kase = await deps.reader.get<CaseHead>(caseStream(caseId));
  if (kase === undefined || kase.agency !== agency || kase.state.entity !== uscc) {
    throw new RuleViolationError('caseId', `case ${caseId} is not a case of your agency about this entity`);
  }
  const penalty = kase.state.decision?.penalty;
  if (penalty === undefined)
    throw new StateConflictError(
      `Case ${caseId} has no decision yet: the serious list comes with its penalty (${LIST_RULES.serious.basis}).`,
    );
  const heavier = penalty.level === 'heavier' || penalty.types.some((t) => t === 'suspension' || t === 'licence-revocation');
  if (!heavier) {
    throw new StateConflictError(
      `The decision of case ${caseId} is not a heavier penalty (a fine in the heavier range of the discretion table, a suspension or a licence revocation): ${LIST_RULES.serious.basis}.`,
    );
  }
}

/** A listing of the agency (another agency's answers 404; the rules of the list decide the rest). */
const listingTarget = (listingId: string) => ({ stream: listingStream(listingId), what: `Listing ${listingId}`, index: listingHeadIndex });

/** Removes a listing on the agency's own finding. */
export const removeListingOf = (deps: CreditDeps, who: CreditWriter, listingId: string, reason: string) =>
  stepOnStream<ListingState>(deps, who, listingTarget(listingId), (state) => removeListing(state, { reason, today: deps.today() }));

/** Records the entity's application for removal, with its deadlines. */
export const applyRemovalOf = (deps: CreditDeps, who: CreditWriter, listingId: string, reason: string) =>
  stepOnStream<ListingState>(deps, who, listingTarget(listingId), (state) =>
    applyRemoval(state, { reason, today: deps.today() }, deps.calendar, deps.settings.clocks),
  );

/** Accepts, removes or refuses on an open application. */
export const decideRemovalOf = (deps: CreditDeps, who: CreditWriter, listingId: string, body: { outcome: RemovalOutcome; note: string }) =>
  stepOnStream<ListingState>(deps, who, listingTarget(listingId), (state) =>
    decideRemoval(state, { ...body, today: deps.today() }, deps.calendar, deps.settings.clocks),
  );
