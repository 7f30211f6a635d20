import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { drawMarkers, inspectedMarkersConsumer, publicationSweep } from './handlers/consumers.ts';
import { http } from './handlers/http-routes.ts';

/** The sampling context's Lambda: its HTTP routes, the rules `draw-markers` and `inspected-markers`, and the daily `publication-sweep`. */
export const handler = contextHandler<ConsumerOf<'sampling'>>({
  http,
  events: { 'draw-markers': drawMarkers, 'inspected-markers': inspectedMarkersConsumer, 'publication-sweep': publicationSweep },
});
