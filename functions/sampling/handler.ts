import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const consumers = () => import('./handlers/consumers.ts');

/**
 * The sampling context's Lambda: its HTTP routes, the rules `draw-markers` and `inspected-markers`, and the daily
 * `publication-sweep`, each loaded by its first invocation.
 */
export const handler = contextHandler<ConsumerOf<'sampling'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'draw-markers': lazily(consumers, 'drawMarkers'),
    'inspected-markers': lazily(consumers, 'inspectedMarkersConsumer'),
    'publication-sweep': lazily(consumers, 'publicationSweep'),
  },
});
