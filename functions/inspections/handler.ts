import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const consumers = () => import('./handlers/consumers.ts');

/** The inspections context's Lambda: its HTTP routes and the rules `assign-inspections` and `alert-targeted-inspections`, each loaded by its first invocation. */
export const handler = contextHandler<ConsumerOf<'inspections'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'assign-inspections': lazily(consumers, 'assignInspections'),
    'alert-targeted-inspections': lazily(consumers, 'alertTargetedInspections'),
  },
});
