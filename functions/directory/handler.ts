import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const importJobs = () => import('./handlers/import-jobs.ts');

/** The directory's Lambda: its HTTP routes, and the import jobs they start (rules `entity-import-*`), each loaded by its first invocation. */
export const handler = contextHandler<ConsumerOf<'directory'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'entity-import-requested': lazily(importJobs, 'importRequested'),
    'entity-import-handed-over': lazily(importJobs, 'importHandedOver'),
  },
});
