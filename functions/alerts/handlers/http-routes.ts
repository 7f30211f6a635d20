import type { RouteKeyOf } from '#infra/topology';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, type Route, route, routesOf } from '#shared/http-handler';
import { ALERT_COMMANDS, type AlertCommand } from '../domain/alert.ts';
import {
  type AlertReader,
  type AlertWriter,
  acknowledgeAlert,
  closeAlert,
  type DisposeBody,
  dismissAlert,
  disposeAlert,
  reopenAlert,
  verifyAlert,
} from '../domain/alert-commands.ts';
import { alertMetrics, riskRanking } from '../domain/alert-metrics.ts';
import { alertView, listAlerts, readAlert, readAlertTimeline, verifyAlertTimeline } from '../domain/alert-reads.ts';
import { agencyRules, recordRuleVersion } from '../domain/rule-book.ts';
import { watchableTypes } from '../domain/rules.ts';
import type { AlertsDeps } from '../ports.ts';
import { contracts } from '../schemas.ts';
import { wired } from './wiring.ts';

type Caller = Pick<HttpRequest<RouteContract>, 'actor' | 'principal'>;
/** The caller as a reader of alerts: auditors read across agencies in their jurisdiction. */
const readerOf = (r: Caller): AlertReader => ({
  ...r.actor,
  ...(r.principal.roles.includes('auditor') ? { auditorOf: r.principal.jurisdiction } : {}),
});
const writerOf = (r: Caller & { correlationId: string }): AlertWriter => ({ actor: r.actor, correlationId: r.correlationId });

/** What each step does with its body (the step table in domain/alert.ts says when and by whom). */
const STEP_COMMANDS: Record<
  AlertCommand,
  (deps: AlertsDeps, who: AlertWriter, id: string, body: never) => ReturnType<typeof acknowledgeAlert>
> = {
  acknowledge: acknowledgeAlert,
  verify: verifyAlert,
  dispose: (deps, who, id, body: DisposeBody) => disposeAlert(deps, who, id, body),
  close: closeAlert,
  dismiss: dismissAlert,
  reopen: reopenAlert,
};

const stepRoute = (command: AlertCommand): Route =>
  route(
    () => contracts[command],
    async (r) => {
      const deps = await wired();
      const state = await STEP_COMMANDS[command](deps, writerOf(r), r.params.id, r.body as never);
      return { status: 200, body: alertView(state, deps, r.actor.role) };
    },
  );

export const http = httpHandler<RouteKeyOf<'alerts'>>({
  'GET /alerts': route(
    () => contracts.listAlerts,
    async (r) => ({ status: 200, body: await listAlerts(await wired(), readerOf(r), r.query) }),
  ),
  'GET /alerts/{id}': route(
    () => contracts.getAlert,
    async (r) => ({ status: 200, body: await readAlert(await wired(), readerOf(r), r.params.id) }),
  ),
  'GET /alerts/{id}/timeline': route(
    () => contracts.timeline,
    async (r) => ({ status: 200, body: await readAlertTimeline(await wired(), readerOf(r), r.params.id, r.query) }),
  ),
  'GET /alerts/{id}/timeline/verify': route(
    () => contracts.verifyTimeline,
    async (r) => ({ status: 200, body: await verifyAlertTimeline(await wired(), readerOf(r), r.params.id) }),
  ),
  'GET /alert-rules': route(
    () => contracts.listRules,
    async (r) => ({ status: 200, body: { items: await agencyRules(await wired(), r.principal.agency), watchable: watchableTypes() } }),
  ),
  'POST /alert-rules': route(
    () => contracts.recordRule,
    async (r) => ({ status: 201, body: await recordRuleVersion(await wired(), writerOf(r), r.body.rule, r.body.note) }),
  ),
  'GET /alert-metrics': route(
    () => contracts.metrics,
    async (r) => ({ status: 200, body: await alertMetrics(await wired(), readerOf(r), r.query) }),
  ),
  'GET /risk-ranking': route(
    () => contracts.ranking,
    async (r) => ({ status: 200, body: await riskRanking(await wired(), readerOf(r), r.query) }),
  ),
  ...routesOf(ALERT_COMMANDS, (command) => `POST /alerts/{id}/${command}` as const, stepRoute),
});
