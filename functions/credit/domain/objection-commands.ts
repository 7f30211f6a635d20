import { entityStream } from '#directory/adapters/table-layout';
import { NotFoundError, RuleViolationError, StateConflictError } from '#shared/errors';
import { listingStream, objectionIndex, objectionStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { nextDue, waitingDue } from './credit-clocks.ts';
import { creditFactsAbout } from './credit-reads.ts';
import { stepOnStream } from './credit-streams.ts';
import { type CreditWriter, listingHeadIndex } from './listing-commands.ts';
import { type ListingState, voidListing } from './listings.ts';
import {
  acceptObjection,
  decideObjection,
  fileObjection,
  listingObjectionLastDay,
  OBJECTION_BASIS,
  OBJECTION_WAITING,
  type ObjectionState,
  type ObjectionTarget,
} from './objections.ts';
import { type CreditProfile, creditProfile } from './profile.ts';

/**
 * An objection's head index: by entity, on the clock index at its next open deadline, and on the agency's pending list
 * while it waits to be accepted or decided.
 */
export const objectionHeadIndex = (state: ObjectionState) =>
  objectionIndex(state, nextDue(state.deadlines), waitingDue(OBJECTION_WAITING.includes(state.status), state.deadlines, state.on));

export type ObjectionTargetInput = { kind: 'factor'; stream: string; seq: number } | { kind: 'listing'; listingId: string };

/** Checks that the target is this entity's and (a listing) within 30 days of its publication; answers it as recorded. */
async function checkedTarget(
  deps: CreditDeps,
  subject: { agency: string; uscc: string; profile: CreditProfile },
  input: ObjectionTargetInput,
): Promise<ObjectionTarget> {
  const { agency, uscc, profile } = subject;
  if (input.kind === 'factor') {
    if (!profile.factors.some((f) => f.source.stream === input.stream && f.source.seq === input.seq)) {
      throw new RuleViolationError('target', `no factor of this entity's profile comes from ${input.stream} #${input.seq}`);
    }
    return { kind: 'factor', stream: input.stream, seq: input.seq };
  }
  const listing = await deps.reader.get<ListingState>(listingStream(input.listingId));
  if (listing === undefined || listing.agency !== agency || listing.state.uscc !== uscc) {
    throw new RuleViolationError('target', `listing ${input.listingId} is not a listing of this entity by your agency`);
  }
  if (listing.state.removed !== undefined) throw new StateConflictError(`The listing was removed on ${listing.state.removed.on}.`);
  const lastDay = listingObjectionLastDay(listing.state.on, deps.calendar, deps.settings.clocks);
  if (deps.today() > lastDay) {
    throw new StateConflictError(
      `An objection to a listing is made within ${deps.settings.clocks.objectionWindowDays} days of its publication (${listing.state.on}): the last day was ${lastDay}.`,
      { lastDay },
    );
  }
  return { kind: 'listing', listing: listingStream(input.listingId) };
}

/** An officer records the entity's objection (异议) against a factor or a listing of an entity of the agency's directory. */
export async function fileObjectionOf(
  deps: CreditDeps,
  who: CreditWriter,
  uscc: string,
  body: { target: ObjectionTargetInput; reason: string },
): Promise<ObjectionState> {
  const agency = who.actor.agency;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const profile = creditProfile(await creditFactsAbout(deps, agency, uscc), deps.today(), undefined, deps.settings.profile);
  const target = await checkedTarget(deps, { agency, uscc, profile }, body.target);
  const running = profile.openObjections.find((o) => JSON.stringify(o.target) === JSON.stringify(target));
  if (running !== undefined)
    throw new StateConflictError(`An objection to this is running already (${running.objection}, since ${running.since}).`);
  const filed = fileObjection(
    { objectionId: `objection-${crypto.randomUUID()}`, agency, uscc, target, reason: body.reason, today: deps.today() },
    deps.calendar,
    deps.settings.clocks,
  );
  await deps.store.append({
    stream: objectionStream(filed.state.objectionId),
    expectedVersion: 0,
    events: filed.events,
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state: filed.state, index: objectionHeadIndex(filed.state) },
  });
  return filed.state;
}

const objectionTarget = (objectionId: string) => ({
  stream: objectionStream(objectionId),
  what: `Objection ${objectionId}`,
  index: objectionHeadIndex,
});

/** Accepts (受理) or does not accept a filed objection. */
export const acceptObjectionOf = (deps: CreditDeps, who: CreditWriter, objectionId: string, body: { accept: boolean; note: string }) =>
  stepOnStream<ObjectionState>(deps, who, objectionTarget(objectionId), (state) =>
    acceptObjection(state, { ...body, today: deps.today() }, deps.calendar, deps.settings.clocks),
  );

/** Decides an accepted objection: upheld or dismissed. */
export const decideObjectionOf = (deps: CreditDeps, who: CreditWriter, objectionId: string, body: { upheld: boolean; note: string }) =>
  stepOnStream<ObjectionState>(deps, who, objectionTarget(objectionId), (state) =>
    decideObjection(state, { ...body, today: deps.today() }),
  );

/**
 * Rule `credit-objection-outcomes`: an objection upheld against a listing removes the listing (the correction, within
 * the 5 working days), so that the public page and the lists no longer show it. Redelivery changes nothing.
 */
export async function correctUpheldObjection(
  deps: CreditDeps,
  decided: { objection: string; agency: string; upheld: boolean; target: ObjectionTarget; on: string },
  correlationId: string,
): Promise<void> {
  if (!decided.upheld || decided.target.kind !== 'listing') return;
  const head = await deps.reader.get<ListingState>(decided.target.listing);
  if (head === undefined || head.agency !== decided.agency) return;
  const voided = voidListing(head.state, { reason: `异议成立 (${decided.objection})`, today: decided.on, basis: OBJECTION_BASIS });
  if (voided === undefined) return;
  await deps.store.append({
    stream: decided.target.listing,
    expectedVersion: head.version,
    prevHash: head.lastHash,
    events: voided.events,
    actor: { id: 'credit-objections', role: 'system', agency: head.agency },
    agency: head.agency,
    correlationId,
    head: { state: voided.state, index: listingHeadIndex(voided.state) },
  });
}
