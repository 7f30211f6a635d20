import type { RouteKeyOf } from '#infra/topology';
import { httpHandler, route } from '#shared/http-handler';
import { contracts } from '../schemas.ts';
import { activityFeed } from './wiring.ts';

export const http = httpHandler<RouteKeyOf<'records'>>({
  'GET /activity': route(
    () => contracts.listActivity,
    async (r) => ({
      status: 200,
      body: await activityFeed().list(r.principal.agency, r.query.limit, r.query.cursor),
    }),
  ),
});
