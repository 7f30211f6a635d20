/**
 * THE declaration of the platform (DESIGN §2): functions, HTTP routes with who may call them, event rules,
 * schedules and the table. The CDK app and the local runtime are both built from this module alone.
 */

import { alertsAccess } from '#alerts/adapters/table-layout';
import { ALERT_COMMANDS } from '#alerts/domain/alert';
import { watchedEvents } from '#alerts/domain/facts';
import { contracts as alerts } from '#alerts/schemas';
import { casesAccess } from '#cases/adapters/table-layout';
import { CASE_COMMANDS, STEPS } from '#cases/domain/lifecycle';
import { contracts as cases, commandContract } from '#cases/schemas';
import { creditAccess } from '#credit/adapters/table-layout';
import { contracts as credit } from '#credit/schemas';
import { directoryAccess } from '#directory/adapters/table-layout';
import { contracts as directory } from '#directory/schemas';
import { AlertDisposed, FactObserved } from '#events/alerts/alert-events.v1';
import {
  CaseClosed,
  CaseTerminated,
  CaseTransferred,
  DecisionRevoked,
  PenaltyDecided,
  RegistrationDeclined,
} from '#events/cases/case-events.v1';
import { ObjectionDecided, ReclassificationHandedOver, RepairGranted } from '#events/credit/credit-events.v1';
import { RECLASSIFYING_EVENTS } from '#events/credit/reclassifying-events';
import { ImportHandedOver } from '#events/directory/import-handed-over.v1';
import { ImportRequested } from '#events/directory/import-requested.v1';
import { CaseClueRaised, InspectionCompleted } from '#events/inspections/inspection-events.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import type { EventDefinition } from '#events/stored-event';
import { ingestAccess } from '#ingest/adapters/table-layout';
import { contracts as ingest } from '#ingest/schemas';
import { inspectionsAccess } from '#inspections/adapters/table-layout';
import { contracts as inspections } from '#inspections/schemas';
import type { TableAccess } from '#records/adapters/table-layout';
import { recordsAccess } from '#records/adapters/table-layout';
import { contracts as records } from '#records/schemas';
import { samplingAccess } from '#sampling/adapters/table-layout';
import { contracts as sampling } from '#sampling/schemas';
import type { RouteContract } from '#shared/http-contract';
import type { Role, Scope } from '#shared/principal';
import type { RouteAccess, RouteAccessMap } from '#shared/route-access';

export type FunctionName =
  | 'health'
  | 'directory'
  | 'records'
  | 'sampling'
  | 'inspections'
  | 'cases'
  | 'credit'
  | 'alerts'
  | 'ingest'
  | 'outbox';

export interface FunctionSpec {
  /** Entry file, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Table key prefixes this function may touch (IAM dynamodb:LeadingKeys), and how: from its context's layout module. */
  table: TableAccess;
  idempotency: boolean;
  publishesEvents?: boolean;
  /** Reads and writes the evidence bucket (presigned uploads). */
  evidence?: boolean;
  /**
   * Domain settings as environment variables, with their defaults: `cdk deploy -c NAME=value` overrides one in AWS,
   * the environment of `npm start` locally. Each function validates its own at start-up.
   */
  settings?: Record<string, string>;
}

export const functions: Record<FunctionName, FunctionSpec> = {
  health: {
    entry: 'functions/health/handler.ts',
    description: 'GET /health: answers once the table answers',
    memoryMb: 256,
    timeoutSeconds: 5,
    table: { read: [], write: [] },
    idempotency: false,
  },
  directory: {
    entry: 'functions/directory/handler.ts',
    description: 'Market entities, inspectors and inspection items; bulk import jobs',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: directoryAccess(),
    idempotency: true,
  },
  records: {
    entry: 'functions/records/handler.ts',
    description: 'The activity feed of every published event',
    memoryMb: 512,
    timeoutSeconds: 10,
    table: recordsAccess(),
    idempotency: true,
  },
  sampling: {
    entry: 'functions/sampling/handler.ts',
    description: 'Double-random sampling tasks, verifiable draws, publicity and metrics',
    memoryMb: 1769,
    timeoutSeconds: 29,
    table: samplingAccess(),
    idempotency: true,
    settings: {
      /** Years of the official calendar past the chinese-days data, as JSON (see README, Configuration). */
      OFFICIAL_CALENDAR: '',
      /** The supervision dashboard's targets per jurisdiction prefix and year (JSON; empty: the seeds' 100 %, 5 %, 90 %, 20 working days). */
      SUPERVISION_TARGETS: '',
    },
  },
  inspections: {
    entry: 'functions/inspections/handler.ts',
    description: 'Assigned inspections and the inspectors’ worklists',
    memoryMb: 1024,
    timeoutSeconds: 60,
    table: inspectionsAccess(),
    idempotency: true,
    evidence: true,
  },
  cases: {
    entry: 'functions/cases/handler.ts',
    description: 'Penalty cases: clues, lifecycle, statutory clocks, legal review',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: casesAccess(),
    idempotency: true,
    settings: {
      /** Days before a deadline when the clock sweep warns (DESIGN §6: 10). */
      CASE_WARN_DAYS: '10',
      /** A fine of at most this many yuan (and nothing heavier) is published for 3 months instead of 3 years. */
      CASE_SMALL_FINE_MAX: '10000',
      /** Legal review (§58) is required when the penalty includes one of these types (JSON list)… */
      CASE_MAJOR_PENALTY_TYPES: '["suspension","licence-revocation"]',
      /** …or a fine above these (yuan), or a hearing was held, or a supervisor flagged the case complex. */
      CASE_MAJOR_FINE_PERSON: '10000',
      CASE_MAJOR_FINE_ORGANISATION: '100000',
      /** The discretion table (裁量基准) as JSON: {violationCode: {lighter|normal|heavier: {min, max}}}; empty: the sample. */
      CASE_DISCRETION_TABLE: '',
      /** Enforcement of unpaid fines: review period in days (行政复议法 §20: 60), lawsuit period in months (行政诉讼法 §46: 6)… */
      CASE_REVIEW_PERIOD_DAYS: '60',
      CASE_LAWSUIT_PERIOD_MONTHS: '6',
      /** …working days after the written reminder before the court is asked (行政强制法 §54: 10), the window after (§53: 3 months)… */
      CASE_REMINDER_WORKING_DAYS: '10',
      CASE_COURT_APPLICATION_MONTHS: '3',
      /** …and the surcharge a day on an overdue fine in basis points (行政处罚法 §72: 300, i.e. 3%). */
      CASE_SURCHARGE_BP_PER_DAY: '300',
      OFFICIAL_CALENDAR: '',
    },
    /** Photos of sealed, seized or preserved things (presigned uploads, as inspections' evidence). */
    evidence: true,
  },
  ingest: {
    entry: 'functions/ingest/handler.ts',
    description: 'Enforcement systems of other departments: registration, CloudEvents ingest, the event catalog',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: ingestAccess(),
    idempotency: true,
  },
  credit: {
    entry: 'functions/credit/handler.ts',
    description: 'Enterprise credit (信用监管): profiles computed from inspections, cases and other departments’ reports',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: creditAccess(),
    settings: {
      /**
       * The procedures' periods (JSON, the ones to change; working days unless named Days): abnormalListWithin 10,
       * abnormalRemovalDecideWithin 5, seriousPublishWithin 20, seriousRemovalAcceptWithin 2, seriousRemovalDecideWithin 15,
       * seriousPublicationStopWithin 3, objectionWindowDays 30, objectionAcceptWithin 5, objectionVerifyWithin 20,
       * objectionCorrectWithin 5, warnDays 3.
       */
      CREDIT_CLOCKS: '',
      /** Whether a factor under objection (异议处理中) counts for nothing while it runs: 'false' (the law does not freeze it) or 'true'. */
      CREDIT_OBJECTION_SUSPENDS: 'false',
      /** The rule set repairs (信用修复) are judged by: 'samr' (国市监信规〔2021〕3号 with 总局令第45号) or 'ndrc' (NDRC Order 36, 2026-04-01). */
      CREDIT_REPAIR_REGIME: 'samr',
      OFFICIAL_CALENDAR: '',
    },
    idempotency: true,
  },
  alerts: {
    entry: 'functions/alerts/handler.ts',
    description: 'Risk alerts (风险预警): rules over events and clocks, the closed loop of each alert, escalation, ranking and metrics',
    memoryMb: 1024,
    timeoutSeconds: 29,
    table: alertsAccess(),
    idempotency: true,
    settings: { OFFICIAL_CALENDAR: '' },
  },
  outbox: {
    entry: 'functions/outbox/handler.ts',
    description: 'Publishes every new event item of the table stream to the bus',
    memoryMb: 512,
    timeoutSeconds: 60,
    table: { read: [], write: [] },
    idempotency: false,
    publishesEvents: true,
  },
};

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  path: string;
  fn: FunctionName;
  access: RouteAccess;
  contract?: RouteContract;
  /** Requests per second and burst, per client locally and per route in API Gateway. */
  rateLimit?: { perSecond: number; burst: number };
}

/** Public routes are read-only and rate-limited (DESIGN §6, Publicity). */
const PUBLIC_RATE = { perSecond: 5, burst: 20 };

const PEOPLE: readonly Role[] = ['inspector', 'case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'];
const STAFF: readonly Role[] = ['case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'];
const MANAGERS: readonly Role[] = ['supervisor', 'admin'];
const ALERT_HANDLERS: readonly Role[] = ['case-officer', 'legal-reviewer', 'supervisor', 'admin'];
const roles = (r: readonly Role[]): RouteAccess => ({ roles: r });
export const scopes = (s: readonly Scope[]): RouteAccess => ({ scopes: s });

const ROUTES = [
  { method: 'GET', path: '/health', fn: 'health', access: { public: true } },
  { method: 'POST', path: '/agencies', fn: 'directory', access: roles(['admin']), contract: directory.registerAgency },
  { method: 'PATCH', path: '/agencies/{code}', fn: 'directory', access: roles(['admin']), contract: directory.updateAgency },
  {
    method: 'GET',
    path: '/public/agencies',
    fn: 'directory',
    access: { public: true },
    contract: directory.publicAgencies,
    rateLimit: PUBLIC_RATE,
  },
  { method: 'POST', path: '/entities', fn: 'directory', access: roles(MANAGERS), contract: directory.createEntity },
  { method: 'POST', path: '/entities/imports', fn: 'directory', access: roles(MANAGERS), contract: directory.startImport },
  { method: 'GET', path: '/entities/imports/{id}', fn: 'directory', access: roles(MANAGERS), contract: directory.getImport },
  { method: 'GET', path: '/entities', fn: 'directory', access: roles(PEOPLE), contract: directory.listEntities },
  { method: 'GET', path: '/entities/{uscc}', fn: 'directory', access: roles(PEOPLE), contract: directory.getEntity },
  { method: 'PATCH', path: '/entities/{uscc}', fn: 'directory', access: roles(MANAGERS), contract: directory.updateEntity },
  { method: 'POST', path: '/inspectors', fn: 'directory', access: roles(MANAGERS), contract: directory.createInspector },
  { method: 'GET', path: '/inspectors', fn: 'directory', access: roles(STAFF), contract: directory.listInspectors },
  { method: 'GET', path: '/inspectors/{id}', fn: 'directory', access: roles(PEOPLE), contract: directory.getInspector },
  { method: 'PATCH', path: '/inspectors/{id}', fn: 'directory', access: roles(MANAGERS), contract: directory.updateInspector },
  { method: 'POST', path: '/inspection-items', fn: 'directory', access: roles(['admin']), contract: directory.createInspectionItem },
  { method: 'GET', path: '/inspection-items', fn: 'directory', access: roles(PEOPLE), contract: directory.listInspectionItems },
  { method: 'GET', path: '/inspection-items/{code}', fn: 'directory', access: roles(PEOPLE), contract: directory.getInspectionItem },
  {
    method: 'PATCH',
    path: '/inspection-items/{code}',
    fn: 'directory',
    access: roles(['admin']),
    contract: directory.updateInspectionItem,
  },
  { method: 'GET', path: '/activity', fn: 'records', access: roles(['supervisor', 'auditor', 'admin']), contract: records.listActivity },
  { method: 'POST', path: '/sampling-tasks', fn: 'sampling', access: roles(MANAGERS), contract: sampling.createTask },
  { method: 'GET', path: '/sampling-tasks', fn: 'sampling', access: roles(STAFF), contract: sampling.listTasks },
  { method: 'GET', path: '/sampling-tasks/{id}', fn: 'sampling', access: roles(STAFF), contract: sampling.getTask },
  { method: 'GET', path: '/sampling-tasks/{id}/preview', fn: 'sampling', access: roles(STAFF), contract: sampling.previewTask },
  { method: 'POST', path: '/sampling-tasks/{id}/accept', fn: 'sampling', access: roles(['supervisor']), contract: sampling.acceptTask },
  { method: 'POST', path: '/sampling-tasks/{id}/draw', fn: 'sampling', access: roles(['supervisor']), contract: sampling.drawTask },
  { method: 'GET', path: '/sampling-tasks/{id}/proof', fn: 'sampling', access: roles(STAFF), contract: sampling.proof },
  {
    method: 'GET',
    path: '/sampling-tasks/{id}/populations/{stratum}',
    fn: 'sampling',
    access: roles(['supervisor', 'auditor', 'admin']),
    contract: sampling.population,
  },
  {
    method: 'GET',
    path: '/sampling-metrics',
    fn: 'sampling',
    access: roles(['supervisor', 'auditor', 'admin']),
    contract: sampling.metrics,
  },
  {
    method: 'GET',
    path: '/supervision-targets',
    fn: 'sampling',
    access: roles(['supervisor', 'auditor', 'admin']),
    contract: sampling.targets,
  },
  {
    method: 'GET',
    path: '/public/sampling-tasks',
    fn: 'sampling',
    access: { public: true },
    contract: sampling.publicTasks,
    rateLimit: PUBLIC_RATE,
  },
  {
    method: 'GET',
    path: '/public/sampling-tasks/{id}',
    fn: 'sampling',
    access: { public: true },
    contract: sampling.publicTask,
    rateLimit: PUBLIC_RATE,
  },
  { method: 'POST', path: '/systems', fn: 'ingest', access: roles(['admin']), contract: ingest.registerSystem },
  { method: 'GET', path: '/systems', fn: 'ingest', access: roles(['admin', 'supervisor', 'auditor']), contract: ingest.listSystems },
  {
    method: 'POST',
    path: '/events',
    fn: 'ingest',
    access: scopes(['events:write']),
    contract: ingest.postEvents,
    // All clients together; each client's own limit (its registration) is counted by the function.
    rateLimit: { perSecond: 100, burst: 200 },
  },
  { method: 'GET', path: '/events/catalog', fn: 'ingest', access: { public: true }, contract: ingest.catalog, rateLimit: PUBLIC_RATE },
  { method: 'GET', path: '/external-records/{subject}', fn: 'ingest', access: roles(STAFF), contract: ingest.externalRecord },
  {
    method: 'GET',
    path: '/public/decisions',
    fn: 'cases',
    access: { public: true },
    contract: cases.publicDecisions,
    rateLimit: PUBLIC_RATE,
  },
  {
    method: 'GET',
    path: '/public/decisions/{id}',
    fn: 'cases',
    access: { public: true },
    contract: cases.publicDecision,
    rateLimit: PUBLIC_RATE,
  },
  { method: 'GET', path: '/worklist', fn: 'inspections', access: roles(['inspector']), contract: inspections.worklist },
  {
    method: 'GET',
    path: '/inspections',
    fn: 'inspections',
    access: roles(['supervisor', 'auditor', 'admin']),
    contract: inspections.completed,
  },
  { method: 'GET', path: '/inspections/{id}', fn: 'inspections', access: roles(PEOPLE), contract: inspections.getInspection },
  { method: 'POST', path: '/inspections/{id}/start', fn: 'inspections', access: roles(['inspector']), contract: inspections.start },
  { method: 'POST', path: '/inspections/{id}/answers', fn: 'inspections', access: roles(['inspector']), contract: inspections.answers },
  { method: 'POST', path: '/inspections/{id}/findings', fn: 'inspections', access: roles(['inspector']), contract: inspections.findings },
  { method: 'POST', path: '/inspections/{id}/uploads', fn: 'inspections', access: roles(['inspector']), contract: inspections.upload },
  { method: 'POST', path: '/inspections/{id}/evidence', fn: 'inspections', access: roles(['inspector']), contract: inspections.evidence },
  {
    method: 'GET',
    path: '/inspections/{id}/evidence/{evidenceId}',
    fn: 'inspections',
    access: roles(PEOPLE),
    contract: inspections.download,
  },
  { method: 'POST', path: '/inspections/{id}/result', fn: 'inspections', access: roles(['inspector']), contract: inspections.result },
  { method: 'POST', path: '/inspections/{id}/complete', fn: 'inspections', access: roles(['inspector']), contract: inspections.complete },
  {
    method: 'POST',
    path: '/inspections/{id}/corrections',
    fn: 'inspections',
    access: roles(['inspector']),
    contract: inspections.corrections,
  },
  {
    method: 'GET',
    path: '/inspection-metrics',
    fn: 'inspections',
    access: roles(['supervisor', 'auditor', 'admin']),
    contract: inspections.metrics,
  },
  { method: 'POST', path: '/cases', fn: 'cases', access: roles(['case-officer', 'supervisor']), contract: cases.createCase },
  { method: 'GET', path: '/cases', fn: 'cases', access: roles(STAFF), contract: cases.listCases },
  { method: 'POST', path: '/cases/simple', fn: 'cases', access: roles(['inspector']), contract: cases.decideOnTheSpot },
  { method: 'GET', path: '/cases/{id}', fn: 'cases', access: roles(STAFF), contract: cases.getCase },
  { method: 'GET', path: '/cases/{id}/timeline', fn: 'cases', access: roles(STAFF), contract: cases.timeline },
  { method: 'GET', path: '/cases/{id}/timeline/verify', fn: 'cases', access: roles(STAFF), contract: cases.verify },
  { method: 'POST', path: '/cases/{id}/uploads', fn: 'cases', access: roles(['case-officer', 'supervisor']), contract: cases.caseUpload },
  { method: 'GET', path: '/cases/{id}/evidence/{evidenceId}', fn: 'cases', access: roles(STAFF), contract: cases.casePhoto },
  { method: 'GET', path: '/cases/{id}/measures', fn: 'cases', access: roles(STAFF), contract: cases.measures },
  { method: 'GET', path: '/cases/{id}/surcharge', fn: 'cases', access: roles(STAFF), contract: cases.surcharge },
  { method: 'GET', path: '/case-metrics', fn: 'cases', access: roles(['supervisor', 'auditor', 'admin']), contract: cases.metrics },
  { method: 'GET', path: '/entities/{uscc}/credit', fn: 'credit', access: roles(STAFF), contract: credit.profile },
  { method: 'GET', path: '/entities/{uscc}/credit/history', fn: 'credit', access: roles(STAFF), contract: credit.history },
  {
    method: 'GET',
    path: '/public/entities/{uscc}',
    fn: 'credit',
    access: { public: true },
    contract: credit.publicEntity,
    rateLimit: PUBLIC_RATE,
  },
  { method: 'GET', path: '/credit/distribution', fn: 'credit', access: roles(STAFF), contract: credit.distribution },
  { method: 'GET', path: '/credit/entities', fn: 'credit', access: roles(STAFF), contract: credit.classedEntities },
  {
    method: 'GET',
    path: '/credit/requests',
    fn: 'credit',
    access: roles(['case-officer', 'supervisor', 'auditor', 'admin']),
    contract: credit.requests,
  },
  { method: 'GET', path: '/entities/{uscc}/credit/timeline', fn: 'credit', access: roles(STAFF), contract: credit.timeline },
  { method: 'GET', path: '/entities/{uscc}/credit/timeline/verify', fn: 'credit', access: roles(STAFF), contract: credit.verifyTimeline },
  {
    method: 'POST',
    path: '/entities/{uscc}/credit/override',
    fn: 'credit',
    access: roles(['case-officer', 'supervisor']),
    contract: credit.requestOverride,
  },
  {
    method: 'POST',
    path: '/entities/{uscc}/objections',
    fn: 'credit',
    access: roles(['case-officer', 'supervisor']),
    contract: credit.fileObjection,
  },
  { method: 'POST', path: '/objections/{id}/accept', fn: 'credit', access: roles(['supervisor']), contract: credit.acceptObjection },
  { method: 'POST', path: '/objections/{id}/decide', fn: 'credit', access: roles(['supervisor']), contract: credit.decideObjection },
  {
    method: 'POST',
    path: '/entities/{uscc}/repairs',
    fn: 'credit',
    access: roles(['case-officer', 'supervisor']),
    contract: credit.applyRepair,
  },
  { method: 'POST', path: '/repairs/{id}/accept', fn: 'credit', access: roles(['supervisor']), contract: credit.acceptRepair },
  { method: 'POST', path: '/repairs/{id}/decide', fn: 'credit', access: roles(['supervisor']), contract: credit.decideRepair },
  { method: 'POST', path: '/overrides/{id}/decide', fn: 'credit', access: roles(['supervisor']), contract: credit.decideOverride },
  { method: 'POST', path: '/entities/{uscc}/listings', fn: 'credit', access: roles(['supervisor']), contract: credit.listEntity },
  { method: 'POST', path: '/listings/{id}/remove', fn: 'credit', access: roles(['supervisor']), contract: credit.removeListing },
  {
    method: 'POST',
    path: '/listings/{id}/apply-removal',
    fn: 'credit',
    access: roles(['case-officer', 'supervisor']),
    contract: credit.applyRemoval,
  },
  { method: 'POST', path: '/listings/{id}/decide-removal', fn: 'credit', access: roles(['supervisor']), contract: credit.decideRemoval },
  { method: 'GET', path: '/alerts', fn: 'alerts', access: roles(STAFF), contract: alerts.listAlerts },
  { method: 'GET', path: '/alerts/{id}', fn: 'alerts', access: roles(STAFF), contract: alerts.getAlert },
  { method: 'GET', path: '/alerts/{id}/timeline', fn: 'alerts', access: roles(STAFF), contract: alerts.timeline },
  { method: 'GET', path: '/alerts/{id}/timeline/verify', fn: 'alerts', access: roles(STAFF), contract: alerts.verifyTimeline },
  ...ALERT_COMMANDS.map((command) => ({
    method: 'POST' as const,
    path: `/alerts/{id}/${command}` as const,
    fn: 'alerts' as const,
    // Each alert's rule names its handling role; the step table checks it against the caller's (403 otherwise).
    access: roles(ALERT_HANDLERS),
    contract: alerts[command],
  })),
  { method: 'GET', path: '/alert-rules', fn: 'alerts', access: roles(STAFF), contract: alerts.listRules },
  { method: 'POST', path: '/alert-rules', fn: 'alerts', access: roles(['admin']), contract: alerts.recordRule },
  { method: 'GET', path: '/alert-metrics', fn: 'alerts', access: roles(['supervisor', 'auditor', 'admin']), contract: alerts.metrics },
  { method: 'GET', path: '/risk-ranking', fn: 'alerts', access: roles(STAFF), contract: alerts.ranking },
  { method: 'GET', path: '/audit/access-log', fn: 'cases', access: roles(['auditor', 'supervisor', 'admin']), contract: cases.accessLog },
  ...CASE_COMMANDS.map((command) => ({
    method: 'POST' as const,
    path: `/cases/{id}/${command}` as const,
    fn: 'cases' as const,
    access: roles(STEPS[command].roles),
    contract: commandContract(command),
  })),
] as const satisfies readonly RouteSpec[];
export const routes: readonly RouteSpec[] = ROUTES;

type Route = (typeof ROUTES)[number];
/** The route keys (`METHOD /path`, as API Gateway names them) a function serves: its handler's route table has exactly these. */
export type RouteKeyOf<F extends FunctionName> = Route extends infer R
  ? R extends { method: infer M extends string; path: infer P extends string; fn: F }
    ? `${M} ${P}`
    : never
  : never;

export const routeKey = (r: Pick<RouteSpec, 'method' | 'path'>) => `${r.method} ${r.path}`;

/** The ROUTE_ACCESS a function gets: its own routes only in AWS; all of them in the one local process. */
export function routeAccess(fn?: FunctionName): RouteAccessMap {
  return Object.fromEntries(routes.filter((r) => fn === undefined || r.fn === fn).map((r) => [routeKey(r), r.access]));
}

/** The EventBridge pattern operators the local matcher supports; anything else is refused at start-up. */
export type PatternValue = string | number | boolean | null | { prefix: string } | { 'anything-but': string | string[] };
export interface EventPattern {
  source?: PatternValue[];
  'detail-type'?: PatternValue[];
  detail?: Record<string, PatternValue[]>;
}

export interface RuleSpec {
  name: string;
  description: string;
  pattern: EventPattern;
  target: FunctionName;
}

/** The pattern of a rule on these event types, from their definitions (never their names typed again). */
const on = (...events: readonly Pick<EventDefinition, 'SOURCE' | 'DETAIL_TYPE'>[]): EventPattern => ({
  source: [...new Set(events.map((e) => e.SOURCE))],
  'detail-type': events.map((e) => e.DETAIL_TYPE),
});

const RULES = [
  {
    name: 'entity-import-requested',
    description: 'A requested bulk import starts: its chunks are written a wave at a time',
    pattern: on(ImportRequested),
    target: 'directory',
  },
  {
    name: 'entity-import-handed-over',
    description: 'An import whose invocation reached its time budget continues in the next one',
    pattern: on(ImportHandedOver),
    target: 'directory',
  },
  {
    name: 'activity-feed',
    description: 'Every platform event into its agency’s activity feed, but the alert rules’ bookkeeping of what they observed',
    pattern: { source: [{ prefix: 'regulator.' }], 'detail-type': [{ 'anything-but': [FactObserved.DETAIL_TYPE] }] },
    target: 'records',
  },
  {
    name: 'draw-markers',
    description: 'Drawn entities are left out of the same item’s draws this year; assignments are conflicts for 12 months',
    pattern: on(TaskDrawn),
    target: 'sampling',
  },
  {
    name: 'inspected-markers',
    description: 'Inspectors of a completed inspection are in conflict with the entity for 12 months',
    pattern: on(InspectionCompleted),
    target: 'sampling',
  },
  {
    name: 'case-clues',
    description: 'A non-compliant inspection opens a penalty case as a clue',
    pattern: on(CaseClueRaised),
    target: 'cases',
  },
  {
    name: 'case-publicity',
    description: 'A decision other than a warning is published, personal data masked (一公开)',
    pattern: on(PenaltyDecided),
    target: 'cases',
  },
  {
    name: 'case-withdrawals',
    description: 'A revoked decision is withdrawn from publication',
    pattern: on(DecisionRevoked),
    target: 'cases',
  },
  {
    name: 'assign-inspections',
    description: 'One assigned inspection per entity a draw selects, on each team member’s worklist',
    pattern: on(TaskDrawn),
    target: 'inspections',
  },
  {
    name: 'case-repairs',
    description: 'A granted credit repair ends the publication of its decision on the disclosure site at once',
    pattern: on(RepairGranted),
    target: 'cases',
  },
  {
    name: 'credit-reclassification-handed-over',
    description: 'The month’s re-classification continues in the next invocation where the last one stopped',
    pattern: on(ReclassificationHandedOver),
    target: 'credit',
  },
  {
    name: 'credit-objection-outcomes',
    description: 'An objection upheld against a listing removes the listing (the correction)',
    pattern: on(ObjectionDecided),
    target: 'credit',
  },
  {
    name: 'credit-reclassify',
    description: 'An inspection result, a penalty, a listing or a new national class re-classifies its entity at once',
    pattern: on(...RECLASSIFYING_EVENTS),
    target: 'credit',
  },
  {
    name: 'alert-rules',
    description: 'Every event a risk rule can watch, through the agency’s rules: a fact on a watch, an alert where a condition holds',
    pattern: on(...watchedEvents()),
    target: 'alerts',
  },
  {
    name: 'alert-feedback',
    description: 'A completed inspection or an ended case that an alert’s disposal ordered is the alert’s feedback, and closes it',
    pattern: on(InspectionCompleted, CaseClosed, CaseTerminated, RegistrationDeclined, CaseTransferred),
    target: 'alerts',
  },
  {
    name: 'alert-targeted-inspections',
    description: 'An alert disposed of by a targeted inspection gets it, on the chosen inspectors’ worklists',
    pattern: on(AlertDisposed),
    target: 'inspections',
  },
  {
    name: 'alert-case-clues',
    description: 'An alert disposed of by a case clue opens a case with the alert as its source',
    pattern: on(AlertDisposed),
    target: 'cases',
  },
] as const satisfies readonly RuleSpec[];
export const rules: readonly RuleSpec[] = RULES;

export interface ScheduleSpec {
  name: string;
  /** rate(…) or cron(…), as EventBridge Scheduler takes it; the local runtime runs rate() on a timer. */
  expression: string;
  target: FunctionName;
}

const SCHEDULES = [
  { name: 'publication-sweep', expression: 'rate(1 day)', target: 'sampling' },
  { name: 'case-clock-sweep', expression: 'rate(1 day)', target: 'cases' },
  // Daily; it re-classifies on the first day of each month (China Standard Time) and returns at once on the others.
  { name: 'credit-monthly-reclassification', expression: 'rate(1 day)', target: 'credit' },
  { name: 'credit-clock-sweep', expression: 'rate(1 day)', target: 'credit' },
  { name: 'alert-escalation-sweep', expression: 'rate(1 day)', target: 'alerts' },
  { name: 'alert-personnel-sweep', expression: 'rate(1 hour)', target: 'alerts' },
] as const satisfies readonly ScheduleSpec[];
export const schedules: readonly ScheduleSpec[] = SCHEDULES;

/** The names of the rules and schedules that invoke a function: its handler's consumer table has exactly these. */
export type ConsumerOf<F extends FunctionName> = Extract<(typeof RULES)[number] | (typeof SCHEDULES)[number], { target: F }>['name'];

export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Sparse: records with a date to act on (a case's next deadline, a publication's takedown), for the sweeps. */
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

/** Powertools idempotency table layout (its defaults). */
export const idempotencyTable = { partitionKey: 'id', ttlAttribute: 'expiration' } as const;

export const EVENT_BUS_NAME = 'regulator';
export const SERVICE_NAME = 'regulator';
