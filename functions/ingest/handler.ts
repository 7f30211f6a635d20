import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { http } from './handlers/http-routes.ts';

/** The ingest context's Lambda: its HTTP routes (it consumes no rule). */
export const handler = contextHandler<ConsumerOf<'ingest'>>({ http, events: {} });
