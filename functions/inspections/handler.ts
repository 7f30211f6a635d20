import type { ConsumerOf } from '#infra/topology';
import { contextHandler } from '#shared/context-handler';
import { assignInspections } from './handlers/consumers.ts';
import { http } from './handlers/http-routes.ts';

/** The inspections context's Lambda: its HTTP routes and the rule `assign-inspections`. */
export const handler = contextHandler<ConsumerOf<'inspections'>>({ http, events: { 'assign-inspections': assignInspections } });
