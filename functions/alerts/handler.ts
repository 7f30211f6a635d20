import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const consumers = () => import('./handlers/consumers.ts');

/**
 * The alerts context's Lambda: its HTTP routes, the rules `alert-rules` and `alert-feedback`, the daily
 * `alert-escalation-sweep` and the hourly `alert-personnel-sweep`, each loaded by its first invocation.
 */
export const handler = contextHandler<ConsumerOf<'alerts'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'alert-rules': lazily(consumers, 'alertRules'),
    'alert-feedback': lazily(consumers, 'alertFeedback'),
    'alert-escalation-sweep': lazily(consumers, 'alertEscalationSweep'),
    'alert-personnel-sweep': lazily(consumers, 'alertPersonnelSweep'),
  },
});
