import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { activity } from './handlers/consumers.ts';
import { http } from './handlers/http-routes.ts';

/** The records context's Lambda: the activity feed's route and the rule `activity-feed`. */
export const handler = contextHandler<ConsumerOf<'records'>>({ http, events: { 'activity-feed': activity } });
