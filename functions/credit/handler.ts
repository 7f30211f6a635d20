import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { http } from './handlers/http-routes.ts';

/** The credit context's Lambda: its HTTP routes (it consumes no rule yet). */
export const handler = contextHandler<ConsumerOf<'credit'>>({ http, events: {} });
