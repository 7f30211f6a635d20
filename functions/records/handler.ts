import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

/** The records context's Lambda: the activity feed's route and the rule `activity-feed`, each loaded by its first invocation. */
export const handler = contextHandler<ConsumerOf<'records'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: { 'activity-feed': lazily(() => import('./handlers/consumers.ts'), 'activity') },
});
