import * as z from 'zod';
import { actorSchema, HEX64 } from '#events/stored-event';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, page, readErrors } from '#shared/http-schemas';

export const ActivityEntry = z
  .object({
    agency: z.string(),
    stream: z.string(),
    seq: z.number().int(),
    type: z.string(),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    actor: actorSchema,
    correlationId: z.string(),
    hash: z.string().regex(HEX64),
  })
  .meta({ id: 'ActivityEntry' });

/** Any platform event as the bus carries it; its own detail schema is checked by the consumers that need it. */
export const AnyStoredEvent = z.looseObject({
  stream: z.string(),
  seq: z.number().int().positive(),
  type: z.string(),
  version: z.number().int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: actorSchema,
  correlationId: z.string(),
  data: z.unknown(),
  prevHash: z.string().regex(HEX64),
  hash: z.string().regex(HEX64),
  agency: z.string().optional(),
});

export const contracts = lazyContracts({
  listActivity: () =>
    contract({
      summary: 'Recent changes to the caller’s agency records, newest first (delivered over the event bus)',
      tags: ['records'],
      query: z.strictObject({ limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(ActivityEntry, 'ActivityPage') }, ...readErrors },
    }),
});
