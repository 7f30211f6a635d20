import { entityStream } from '#directory/adapters/table-layout';
import { NotFoundError } from '#shared/errors';
import { overrideIndex, overrideStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { creditFactsAbout } from './credit-reads.ts';
import { stepOnStream } from './credit-streams.ts';
import type { CreditWriter } from './listing-commands.ts';
import { decideOverride, type OverrideState, requestOverride } from './overrides.ts';
import { creditProfile } from './profile.ts';
import type { CreditClass } from './rules.ts';

/** An officer asks to set the class of an entity of the agency's directory by hand (404 outside it). */
export async function requestOverrideOf(
  deps: CreditDeps,
  who: CreditWriter,
  uscc: string,
  body: { class: CreditClass; reason: string },
): Promise<OverrideState> {
  const agency = who.actor.agency;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const profile = creditProfile(await creditFactsAbout(deps, agency, uscc), deps.today(), undefined, deps.settings.profile);
  const requested = requestOverride({
    overrideId: `override-${crypto.randomUUID()}`,
    agency,
    uscc,
    class: body.class,
    computedClass: profile.class,
    reason: body.reason,
    today: deps.today(),
    actor: who.actor,
  });
  await deps.store.append({
    stream: overrideStream(requested.state.overrideId),
    expectedVersion: 0,
    events: requested.events,
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state: requested.state, index: overrideIndex(requested.state) },
  });
  return requested.state;
}

/** A supervisor of the agency approves or refuses an override (another agency's answers 404). */
export async function decideOverrideOf(
  deps: CreditDeps,
  who: CreditWriter,
  overrideId: string,
  body: { approve: boolean; note: string },
): Promise<OverrideState> {
  const target = { stream: overrideStream(overrideId), what: `Override ${overrideId}`, index: overrideIndex };
  return stepOnStream<OverrideState>(deps, who, target, (state) =>
    decideOverride(state, { ...body, today: deps.today(), actor: who.actor }),
  );
}
