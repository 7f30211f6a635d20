import { OverrideDecided, OverrideRequested } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { ForbiddenError, StateConflictError } from '#shared/errors';
import type { CreditClass } from './rules.ts';

/**
 * A class set by hand (人工调整): an officer asks with a written reason, a supervisor other than the officer decides.
 * Approved, the class holds until a later fact about the entity; the lists still cap it (they are legal
 * consequences, not a judgment of risk).
 */
export interface OverrideState {
  overrideId: string;
  agency: string;
  uscc: string;
  class: CreditClass;
  computedClass: CreditClass;
  reason: string;
  on: string;
  requestedBy: string;
  decided?: { approved: boolean; note: string; on: string; by: string };
}

type Event = { type: string; data: unknown; actor: { id: string } };

/** The fold of an override's stream (DESIGN §4). */
export function evolveOverride(state: OverrideState | undefined, event: Event, agency: string): OverrideState {
  if (event.type === OverrideRequested.DETAIL_TYPE) {
    const d = dataOf(OverrideRequested, event);
    return { ...d, agency, requestedBy: event.actor.id };
  }
  if (state === undefined) throw new Error(`An override stream must start with ${OverrideRequested.DETAIL_TYPE}, not ${event.type}`);
  if (event.type === OverrideDecided.DETAIL_TYPE) {
    const d = dataOf(OverrideDecided, event);
    return { ...state, decided: { approved: d.approved, note: d.note, on: d.on, by: event.actor.id } };
  }
  throw new Error(`An override stream holds no ${event.type}`);
}

const fold = (state: OverrideState | undefined, events: NewEvent[], actor: { id: string }, agency: string) =>
  events.reduce<OverrideState | undefined>((s, e) => evolveOverride(s, { ...e, actor }, agency), state) as OverrideState;

/** An officer's request: a class other than the computed one, with the reason written out. */
export function requestOverride(input: {
  overrideId: string;
  agency: string;
  uscc: string;
  class: CreditClass;
  computedClass: CreditClass;
  reason: string;
  today: string;
  actor: { id: string };
}): { events: NewEvent[]; state: OverrideState } {
  if (input.class === input.computedClass) {
    throw new StateConflictError(`The entity is class ${input.class} already: there is nothing to override.`);
  }
  const data = {
    overrideId: input.overrideId,
    uscc: input.uscc,
    class: input.class,
    computedClass: input.computedClass,
    reason: input.reason,
    on: input.today,
  };
  const events: NewEvent[] = [{ type: OverrideRequested.DETAIL_TYPE, version: OverrideRequested.VERSION, data }];
  return { events, state: fold(undefined, events, input.actor, input.agency) };
}

/** A supervisor's decision, once, and never on their own request (four eyes). */
export function decideOverride(
  state: OverrideState,
  input: { approve: boolean; note: string; today: string; actor: { id: string } },
): { events: NewEvent[]; state: OverrideState } {
  if (state.decided !== undefined) {
    throw new StateConflictError(`The override was ${state.decided.approved ? 'approved' : 'refused'} on ${state.decided.on} already.`);
  }
  if (state.requestedBy === input.actor.id)
    throw new ForbiddenError('An override is decided by a supervisor other than the one who asked for it.');
  const data = { uscc: state.uscc, class: state.class, approved: input.approve, reason: state.reason, note: input.note, on: input.today };
  const events: NewEvent[] = [{ type: OverrideDecided.DETAIL_TYPE, version: OverrideDecided.VERSION, data }];
  return { events, state: fold(state, events, input.actor, state.agency) };
}
