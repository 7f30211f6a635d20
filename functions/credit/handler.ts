import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

/** The credit context's Lambda: its HTTP routes, loaded by the first request. */
export const handler = contextHandler<ConsumerOf<'credit'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {},
});
