import type { ConsumerOf } from '#infra/topology';
import { contextHandler, lazily } from '#shared/context-handler';

const consumers = () => import('./handlers/consumers.ts');

/**
 * The penalty cases context's Lambda: its HTTP routes, the rules `case-clues`, `case-publicity`, `case-withdrawals`,
 * `case-repairs`, `alert-case-clues` and the daily `case-clock-sweep`, each loaded by its first invocation.
 */
export const handler = contextHandler<ConsumerOf<'cases'>>({
  http: lazily(() => import('./handlers/http-routes.ts'), 'http'),
  events: {
    'case-clues': lazily(consumers, 'caseClues'),
    'case-publicity': lazily(consumers, 'casePublicity'),
    'case-withdrawals': lazily(consumers, 'caseWithdrawals'),
    'case-repairs': lazily(consumers, 'caseRepairs'),
    'case-clock-sweep': lazily(consumers, 'caseClockSweep'),
    'alert-case-clues': lazily(consumers, 'alertCaseClues'),
  },
});
