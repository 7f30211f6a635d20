import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const consumers = () => import('./handlers/consumers.ts');

/**
 * The credit context's Lambda: its HTTP routes, the rules `credit-reclassify` and `credit-objection-outcomes`, the daily
 * `credit-monthly-reclassification` and `credit-clock-sweep`, each loaded by its first invocation.
 */
export const handler = contextHandler<ConsumerOf<'credit'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'credit-reclassify': lazily(consumers, 'creditReclassify'),
    'credit-objection-outcomes': lazily(consumers, 'creditObjectionOutcomes'),
    'credit-monthly-reclassification': lazily(consumers, 'creditMonthly'),
    'credit-reclassification-handed-over': lazily(consumers, 'creditReclassificationHandedOver'),
    'credit-clock-sweep': lazily(consumers, 'creditClockSweep'),
  },
});
