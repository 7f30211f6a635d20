import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

/** The inspections context's Lambda: its HTTP routes and the rule `assign-inspections`, each loaded by its first invocation. */
export const handler = contextHandler<ConsumerOf<'inspections'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: { 'assign-inspections': lazily(() => import('./handlers/consumers.ts'), 'assignInspections') },
});
