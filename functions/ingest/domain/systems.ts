import type * as z from 'zod';
import { externalEvents } from '#events/external/external-events.v1';
import { SystemRegistered, type systemState } from '#events/ingest/system-registered.v1';
import type { Actor } from '#records/domain/recorded-event';
import type { EventStore } from '#records/ports';
import { AlreadyExistsError, RuleViolationError, SideItemExistsError, VersionConflictError } from '#shared/errors';
import { isSystemIdClaim, SYSTEM_STREAMS, systemIdClaim, systemIndex, systemSourceClaim } from '../adapters/table-layout.ts';
import type { PostingSystem } from './cloudevents.ts';

export type SystemState = z.infer<typeof systemState>;

/** A system's record is keyed by its OAuth client id: each POST /events finds it from the caller's token. */
export const systemStream = (clientId: string) => `${SYSTEM_STREAMS}${clientId}`;

export type SystemInput = Omit<SystemState, 'agency' | 'registeredAt'>;

/**
 * An admin registers an enforcement system for their own agency (DESIGN §5: machine clients post only for the
 * agency they are registered to). Its id is taken once per agency, so that another agency's systems cannot be
 * probed by name; its OAuth client id and its CloudEvents source identify one system anywhere, so they are taken once.
 */
export async function registerSystem(
  deps: { store: EventStore; clock: () => Date },
  ctx: { actor: Actor; agency: string; correlationId: string },
  input: SystemInput,
): Promise<SystemState> {
  const catalog = new Set(externalEvents.map((e) => e.DETAIL_TYPE));
  const unknown = input.eventTypes.filter((t) => !catalog.has(t));
  if (unknown.length > 0) {
    throw new RuleViolationError('eventTypes', `not in the catalog: ${unknown.join(', ')} (the catalog: ${[...catalog].join(', ')})`);
  }
  const state: SystemState = {
    ...input,
    eventTypes: [...new Set(input.eventTypes)],
    agency: ctx.agency,
    registeredAt: deps.clock().toISOString(),
  };
  try {
    await deps.store.append({
      stream: systemStream(input.clientId),
      expectedVersion: 0,
      events: [{ type: SystemRegistered.DETAIL_TYPE, version: SystemRegistered.VERSION, data: state }],
      actor: ctx.actor,
      agency: ctx.agency,
      correlationId: ctx.correlationId,
      head: { state, index: systemIndex(ctx.agency, input.id) },
      sideItems: [
        { ...systemIdClaim(ctx.agency, input.id), attributes: { clientId: input.clientId } },
        { ...systemSourceClaim(input.source), attributes: { clientId: input.clientId } },
      ],
    });
  } catch (error) {
    if (error instanceof VersionConflictError) throw new AlreadyExistsError(`A system with client id ${input.clientId}`);
    if (error instanceof SideItemExistsError) {
      throw new AlreadyExistsError(error.keys.some(isSystemIdClaim) ? `System ${input.id}` : `A system with source ${input.source}`);
    }
    throw error;
  }
  return state;
}

export const postingSystem = (s: SystemState): PostingSystem => ({
  id: s.id,
  clientId: s.clientId,
  name: s.name,
  agency: s.agency,
  source: s.source,
  eventTypes: s.eventTypes,
  ratePerSecond: s.ratePerSecond,
});
