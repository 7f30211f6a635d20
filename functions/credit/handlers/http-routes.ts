import type { RouteKeyOf } from '#infra/topology';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { figuresOf } from '#shared/read-policy';
import {
  type CreditReader,
  readClassHistory,
  readCreditProfile,
  readCreditTimeline,
  verifyCreditTimeline,
} from '../domain/credit-reads.ts';
import { classedEntityPage, creditDistribution } from '../domain/distribution.ts';
import { applyRemovalOf, decideRemovalOf, listEntityOf, removeListingOf } from '../domain/listing-commands.ts';
import { acceptObjectionOf, decideObjectionOf, fileObjectionOf } from '../domain/objection-commands.ts';
import { decideOverrideOf, requestOverrideOf } from '../domain/override-commands.ts';
import { publicEntityPage } from '../domain/public-entity.ts';
import { acceptRepairOf, applyRepairOf, decideRepairOf } from '../domain/repair-commands.ts';
import { creditRequests } from '../domain/requests.ts';
import { contracts } from '../schemas.ts';
import { wired } from './wiring.ts';

type Caller = Pick<HttpRequest<RouteContract>, 'actor' | 'principal'>;
/** The caller as a reader of credit records: auditors read across agencies in their jurisdiction. */
const readerOf = (r: Caller): CreditReader => ({
  ...r.actor,
  ...(r.principal.roles.includes('auditor') ? { auditorOf: r.principal.jurisdiction } : {}),
});

/** The caller as a reader of figures: auditors read other agencies of their jurisdiction. */
const figuresReader = (r: Caller) => ({
  agency: r.principal.agency,
  jurisdiction: r.principal.jurisdiction,
  auditor: r.principal.roles.includes('auditor'),
});

export const http = httpHandler<RouteKeyOf<'credit'>>({
  'POST /entities/{uscc}/listings': route(
    () => contracts.listEntity,
    async (r) => ({
      status: 201,
      body: await listEntityOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.uscc, r.body),
    }),
  ),
  'POST /listings/{id}/remove': route(
    () => contracts.removeListing,
    async (r) => ({
      status: 200,
      body: await removeListingOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body.reason),
    }),
  ),
  'POST /entities/{uscc}/credit/override': route(
    () => contracts.requestOverride,
    async (r) => ({
      status: 201,
      body: await requestOverrideOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.uscc, r.body),
    }),
  ),
  'POST /overrides/{id}/decide': route(
    () => contracts.decideOverride,
    async (r) => ({
      status: 200,
      body: await decideOverrideOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'POST /listings/{id}/apply-removal': route(
    () => contracts.applyRemoval,
    async (r) => ({
      status: 200,
      body: await applyRemovalOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body.reason),
    }),
  ),
  'POST /listings/{id}/decide-removal': route(
    () => contracts.decideRemoval,
    async (r) => ({
      status: 200,
      body: await decideRemovalOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'POST /entities/{uscc}/objections': route(
    () => contracts.fileObjection,
    async (r) => ({
      status: 201,
      body: await fileObjectionOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.uscc, r.body),
    }),
  ),
  'POST /objections/{id}/accept': route(
    () => contracts.acceptObjection,
    async (r) => ({
      status: 200,
      body: await acceptObjectionOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'POST /objections/{id}/decide': route(
    () => contracts.decideObjection,
    async (r) => ({
      status: 200,
      body: await decideObjectionOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'POST /entities/{uscc}/repairs': route(
    () => contracts.applyRepair,
    async (r) => ({
      status: 201,
      body: await applyRepairOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.uscc, r.body),
    }),
  ),
  'POST /repairs/{id}/accept': route(
    () => contracts.acceptRepair,
    async (r) => ({
      status: 200,
      body: await acceptRepairOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'POST /repairs/{id}/decide': route(
    () => contracts.decideRepair,
    async (r) => ({
      status: 200,
      body: await decideRepairOf(await wired(), { actor: r.actor, correlationId: r.correlationId }, r.params.id, r.body),
    }),
  ),
  'GET /public/entities/{uscc}': route(
    () => contracts.publicEntity,
    async (r) => ({ status: 200, body: await publicEntityPage(await wired(), r.params.uscc) }),
  ),
  'GET /credit/distribution': route(
    () => contracts.distribution,
    async (r) => {
      // An auditor may ask for another agency of the jurisdiction: its entities inside the jurisdiction count.
      const { agency, counts } = figuresOf(figuresReader(r), r.query.agency);
      return { status: 200, body: await creditDistribution(await wired(), agency, r.query, counts) };
    },
  ),
  'GET /credit/entities': route(
    () => contracts.classedEntities,
    async (r) => {
      const { agency, counts } = figuresOf(figuresReader(r), r.query.agency);
      return { status: 200, body: await classedEntityPage(await wired(), agency, r.query, counts) };
    },
  ),
  'GET /credit/requests': route(
    () => contracts.requests,
    async (r) => ({ status: 200, body: await creditRequests(await wired(), r.principal.agency, r.query) }),
  ),
  'GET /entities/{uscc}/credit/timeline': route(
    () => contracts.timeline,
    async (r) => ({ status: 200, body: await readCreditTimeline(await wired(), readerOf(r), r.params.uscc, r.query) }),
  ),
  'GET /entities/{uscc}/credit/timeline/verify': route(
    () => contracts.verifyTimeline,
    async (r) => ({ status: 200, body: await verifyCreditTimeline(await wired(), readerOf(r), r.params.uscc, r.query) }),
  ),
  'GET /entities/{uscc}/credit/history': route(
    () => contracts.history,
    async (r) => ({ status: 200, body: await readClassHistory(await wired(), readerOf(r), r.params.uscc, r.query) }),
  ),
  'GET /entities/{uscc}/credit': route(
    () => contracts.profile,
    async (r) => ({ status: 200, body: await readCreditProfile(await wired(), readerOf(r), r.params.uscc, r.query) }),
  ),
});
