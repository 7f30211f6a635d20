import type { RouteKeyOf } from '#infra/topology';
import { httpHandler, route } from '#shared/http-handler';
import { readCreditProfile } from '../domain/credit-reads.ts';
import { contracts } from '../schemas.ts';
import { wired } from './wiring.ts';

export const http = httpHandler<RouteKeyOf<'credit'>>({
  'GET /entities/{uscc}/credit': route(
    () => contracts.profile,
    async (r) => ({ status: 200, body: await readCreditProfile(wired(), r.principal.agency, r.params.uscc, r.query.asOf) }),
  ),
});
