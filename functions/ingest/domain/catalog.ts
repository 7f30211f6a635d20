import * as z from 'zod';
import { dataschemaOf, EXAMPLE_SYSTEM, externalEvents } from '#events/external/external-events.v1';
import { BATCH_TYPE, MAX_BATCH, REJECT_REASONS, SINGLE_TYPE } from './cloudevents.ts';

/**
 * GET /events/catalog: every external event type and version as JSON Schema (draft 2020-12, the input a system
 * sends) with a complete example CloudEvent. A contract test compares it with the committed snapshot.
 */
export function eventCatalog() {
  return {
    specversion: '1.0',
    contentTypes: [BATCH_TYPE, SINGLE_TYPE],
    modes: {
      batch: `POST /events with content-type ${BATCH_TYPE}: a JSON array of at most ${MAX_BATCH} events`,
      structured: `POST /events with content-type ${SINGLE_TYPE}: one event, envelope and data in the body`,
      binary:
        'POST /events with content-type application/json: the data as the body, the envelope in ce-specversion, ce-id, ce-source, ce-type, ce-time, ce-subject (and ce-dataschema) headers, as CloudEvents SDK emitters send by default',
    },
    maxBatch: MAX_BATCH,
    envelope: {
      required: ['specversion', 'id', 'source', 'type', 'time', 'subject', 'data'],
      notes:
        'source must be the system’s registered source; (source, id) is accepted once; time (RFC 3339) orders state; subject is a unified social credit code or a case id; data is JSON.',
    },
    rejectReasons: [...REJECT_REASONS],
    types: externalEvents.map((def) => ({
      type: def.DETAIL_TYPE,
      version: def.VERSION,
      dataschema: dataschemaOf(def),
      description: def.description,
      subjects: [...def.subjects],
      schema: z.toJSONSchema(def.payload, { io: 'input' }),
      example: {
        specversion: '1.0',
        id: `${def.DETAIL_TYPE}-example-1`,
        source: EXAMPLE_SYSTEM.source,
        type: def.DETAIL_TYPE,
        time: '2026-05-06T02:00:00Z',
        subject: (def.example as { subject: string }).subject,
        datacontenttype: 'application/json',
        dataschema: dataschemaOf(def),
        data: def.payloadExample,
      },
    })),
  };
}
export type EventCatalog = ReturnType<typeof eventCatalog>;
