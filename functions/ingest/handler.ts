import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

/** The ingest context's Lambda: its HTTP routes, loaded by the first request. */
export const handler = contextHandler<ConsumerOf<'ingest'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {},
});
