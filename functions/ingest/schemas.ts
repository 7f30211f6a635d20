import * as z from 'zod';
import { systemState } from '#events/ingest/system-registered.v1';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, page, problem, publicErrors, readErrors, writeErrors } from '#shared/http-schemas';
import { BATCH_TYPE, MAX_BATCH, REJECT_REASONS, SINGLE_TYPE } from './domain/cloudevents.ts';

const System = systemState.meta({ id: 'EnforcementSystem' });

const CloudEvent = z
  .looseObject({
    specversion: z.literal('1.0'),
    id: z.string().max(256).describe('the system’s own event id; (source, id) is accepted once'),
    source: z.string().max(512).describe('must be the system’s registered source'),
    type: z.string().describe('a type of GET /events/catalog'),
    time: z.iso.datetime({ offset: true }).describe('when it happened: state follows time, not arrival'),
    subject: z.string().max(100).describe('a unified social credit code or a case id'),
    datacontenttype: z.string().optional(),
    dataschema: z.string().optional(),
    data: z.unknown(),
  })
  .meta({ id: 'CloudEvent' });

const EntryResult = z
  .object({
    index: z.number().int(),
    id: z.string().optional(),
    status: z.enum(['accepted', 'duplicate', 'rejected']),
    stream: z.string().optional(),
    seq: z.number().int().optional(),
    reason: z.enum(REJECT_REASONS).optional(),
    message: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'IngestEntryResult' });
const IngestResult = z
  .object({ accepted: z.number().int(), duplicate: z.number().int(), rejected: z.number().int(), results: z.array(EntryResult) })
  .meta({ id: 'IngestResult' });

export const contracts = lazyContracts({
  registerSystem: () =>
    contract({
      summary: 'Register an enforcement system of another department for the admin’s agency, with the event types it may post',
      description:
        'In AWS the system authenticates with OAuth client credentials: create a Cognito app client with the scope regulator/events:write and register its client id here. Locally, POST /_local/token with {"client_id", "scopes": ["events:write"], "agency"}.',
      tags: ['ingest'],
      body: System.omit({ agency: true, registeredAt: true }).extend({ ratePerSecond: z.number().int().min(1).max(1000).default(20) }),
      responses: { 201: { description: 'Registered', schema: System }, ...writeErrors, 409: problem('Client id, id or source taken') },
    }),
  listSystems: () =>
    contract({
      summary: 'The agency’s registered enforcement systems',
      tags: ['ingest'],
      query: z.strictObject({ limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(System, 'EnforcementSystemPage') }, ...readErrors },
    }),
  postEvents: () =>
    contract({
      summary: `Post CloudEvents 1.0: a JSON batch (${BATCH_TYPE}, up to ${MAX_BATCH}), one event (${SINGLE_TYPE}), or one in binary mode`,
      description:
        'Each entry is answered in order: accepted, duplicate ((source, id) accepted before or earlier in the batch) or rejected with its reason. 200 when all are accepted, 207 otherwise. A batch sent again changes nothing.',
      tags: ['ingest'],
      textBodyTypes: [BATCH_TYPE, SINGLE_TYPE, 'application/json'],
      textBodySchemas: {
        [BATCH_TYPE]: z.array(CloudEvent).min(1).max(MAX_BATCH),
        [SINGLE_TYPE]: CloudEvent,
        'application/json': z
          .unknown()
          .describe('binary mode: one event’s data, its attributes in ce-* headers (ce-specversion, ce-id, …)'),
      },
      responses: {
        200: { description: 'All accepted', schema: IngestResult },
        207: { description: 'Some duplicate or rejected', schema: IngestResult },
        400: problem('Not JSON, not a batch, or more than 100 entries'),
        401: problem('No token, or a bad one'),
        403: problem('Not a registered enforcement system, or no events:write scope'),
        413: problem('Body over 1 MiB'),
        415: problem('Not a CloudEvents content type'),
        429: problem('Over the client’s rate; Retry-After says when to retry'),
      },
    }),
  catalog: () =>
    contract({
      summary: 'The catalog of event types enforcement systems may post, as JSON Schema with examples',
      tags: ['ingest', 'public'],
      responses: {
        200: { description: 'The catalog', schema: z.looseObject({ types: z.array(z.looseObject({})) }).meta({ id: 'EventCatalog' }) },
        ...publicErrors,
      },
    }),
  externalRecord: () =>
    contract({
      summary: 'What other departments reported about an entity or a case: the latest report of each type (by time) and counts',
      tags: ['ingest'],
      params: z.strictObject({ subject: z.string().min(1).max(100) }),
      responses: {
        200: {
          description: 'The record',
          schema: z.looseObject({ subject: z.string(), version: z.number() }).meta({ id: 'ExternalRecord' }),
        },
        ...readErrors,
        404: problem('No report about this subject in the caller’s agency'),
      },
    }),
});
