import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { http } from './handlers/http-routes.ts';
import { importHandedOver, importRequested } from './handlers/import-jobs.ts';

/** The directory's Lambda: its HTTP routes, and the import jobs they start (rules `entity-import-*`). */
export const handler = contextHandler<ConsumerOf<'directory'>>({
  http,
  events: { 'entity-import-requested': importRequested, 'entity-import-handed-over': importHandedOver },
});
