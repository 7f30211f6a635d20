import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { caseClockSweep, caseClues, casePublicity, caseWithdrawals } from './handlers/consumers.ts';
import { http } from './handlers/http-routes.ts';

/** The penalty cases context's Lambda: its HTTP routes, the rules `case-clues`, `case-publicity`, `case-withdrawals` and the daily `case-clock-sweep`. */
export const handler = contextHandler<ConsumerOf<'cases'>>({
  http,
  events: {
    'case-clues': caseClues,
    'case-publicity': casePublicity,
    'case-withdrawals': caseWithdrawals,
    'case-clock-sweep': caseClockSweep,
  },
});
