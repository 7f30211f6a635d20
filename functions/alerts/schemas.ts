import * as z from 'zod';
import { DISPOSAL_KINDS, ruleDefinition, SEVERITIES, SUBJECT_KINDS } from '#events/alerts/values';
import { agencyCode, usccFormat } from '#events/directory/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, metricsQuery, problem, readErrors, writeErrors } from '#shared/http-schemas';
import { ALERT_COMMANDS, ALERT_STATUSES } from './domain/alert.ts';

const alertId = z.string().regex(/^alert-[0-9a-f]{20}$/, 'an alert id is alert- and 20 hex digits');
const params = () => z.strictObject({ id: alertId });
const day = z.iso.date();

let alertSchema: z.ZodType | undefined;
/** One schema object for every route that answers an alert (openapi.yaml refers to it by its id). */
const alert = () => {
  alertSchema ??= z
    .object({
      alertId: z.string(),
      agency: z.string(),
      rule: z.object({
        id: z.string(),
        version: z.number().int(),
        name: z.string(),
        why: z.string(),
        severity: z.enum(SEVERITIES),
        role: z.string(),
        deadlines: z.object({ acknowledge: z.number(), verify: z.number(), dispose: z.number(), close: z.number() }),
      }),
      subject: z.object({ kind: z.enum(SUBJECT_KINDS), id: z.string() }),
      region: z.string(),
      entity: z.string().optional(),
      facts: z.array(z.object({ stream: z.string(), seq: z.number().int(), type: z.string(), on: day })),
      status: z.enum(ALERT_STATUSES),
      raisedOn: day,
      raisedAt: z.string(),
      cycle: z.number().int(),
      disposed: z.object({ on: day, by: z.string(), disposal: z.looseObject({ kind: z.enum(DISPOSAL_KINDS) }) }).optional(),
      feedback: z.array(
        z.object({ from: z.object({ kind: z.string(), id: z.string() }), outcome: z.string(), summary: z.string(), on: day }),
      ),
      escalations: z.array(
        z.object({ step: z.string(), level: z.number().int(), to: z.string(), due: day, on: day, cycle: z.number().int() }),
      ),
      clock: z.object({
        awaiting: z.object({ step: z.string(), due: day, provisional: z.boolean(), overdue: z.boolean() }).optional(),
        acknowledgeBy: day.describe('acknowledgement (签收) due: the rule’s working days after raising'),
        closeBy: day.describe('the business clock: raised to closed within every step’s working days together, whatever happens between'),
        provisional: z.boolean().describe('counted on a year whose holidays the State Council has not published yet'),
        overdue: z.boolean(),
        escalationLevel: z.number().int().min(0).max(2),
      }),
      allowedSteps: z.array(z.enum(ALERT_COMMANDS)).describe('the steps the caller may give now'),
    })
    .meta({ id: 'Alert' });
  return alertSchema;
};

const stepErrors = {
  ...writeErrors,
  404: problem('No such alert in the caller’s agency'),
  409: problem(
    'The step is out of order (with the steps allowed now), the alert changed meanwhile, or a targeted inspection lacks two eligible inspectors (with the shortfall)',
  ),
};
const step = (summary: string, body: z.ZodType, description?: string) =>
  contract({
    summary,
    ...(description === undefined ? {} : { description }),
    tags: ['alerts'],
    params: params(),
    body,
    responses: { 200: { description: 'The alert after the step', schema: alert() }, ...stepErrors },
  });

const text = z.string().trim().min(1).max(4000);

export const contracts = lazyContracts({
  listAlerts: () =>
    contract({
      summary: 'The agency’s alerts, open ones first and newest first, narrowed by status, rule, entity and overdue',
      description:
        'A page may hold fewer than `limit` alerts while more follow (the cursor says so). Auditors name an agency and see the alerts in their jurisdiction.',
      tags: ['alerts'],
      query: z.strictObject({
        status: z.enum(ALERT_STATUSES).optional(),
        rule: z.string().max(60).optional(),
        entity: usccFormat.optional(),
        overdue: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
        agency: agencyCode.optional().describe('auditors: the agency whose alerts to list (default the caller’s)'),
        limit,
        cursor,
      }),
      responses: {
        200: {
          description: 'A page of alerts',
          schema: z.object({ items: z.array(alert()), cursor: z.string().optional() }).meta({ id: 'AlertPage' }),
        },
        ...readErrors,
        404: problem('Another agency (people list only their own)'),
      },
    }),
  getAlert: () =>
    contract({
      summary: 'One alert with its facts, steps, feedback, escalations and clocks',
      tags: ['alerts'],
      params: params(),
      responses: {
        200: { description: 'The alert', schema: alert() },
        ...readErrors,
        404: problem('No such alert within the caller’s reach'),
      },
    }),
  acknowledge: () =>
    step(
      '签收: take the alert on (within its rule’s working days, 1 by default)',
      z.strictObject({ note: z.string().trim().max(4000).default('') }),
    ),
  verify: () => step('核查: record what checking the alert found', z.strictObject({ finding: text })),
  dispose: () =>
    step(
      '处置: a targeted inspection, a case clue, or no action with a reason',
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('targeted-inspection'),
          inspectors: z
            .array(z.string().min(1).max(64))
            .min(2)
            .max(10)
            .describe('the agency’s inspectors to send; those in 回避 conflict are left out, and at least two must remain'),
          items: z.array(z.string().min(1).max(100)).min(1).max(20).describe('inspection item codes'),
          plannedEnd: day,
        }),
        z.strictObject({ kind: z.literal('case-clue'), summary: text }),
        z.strictObject({ kind: z.literal('no-action'), reason: text }),
      ]),
      'A targeted inspection (定向检查) appears on the chosen inspectors’ worklists, recorded as targeted, not drawn; its result closes the alert. A case clue opens a case with the alert as its source; its end closes the alert.',
    ),
  close: () => step('办结: close the loop with what the disposal found', z.strictObject({ feedback: text })),
  dismiss: () => step('A false positive (误报), with the reason (supervisor)', z.strictObject({ reason: text })),
  reopen: () =>
    step('Take a closed or dismissed alert up again (supervisor); its business clock runs on', z.strictObject({ reason: text })),
  timeline: () =>
    contract({
      summary: 'The alert’s timeline: every event exactly as stored (hash chain v1)',
      tags: ['alerts'],
      params: params(),
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100), cursor: z.string().max(2000).optional() }),
      responses: {
        200: {
          description: 'A page of events, in order',
          schema: z.object({ events: z.array(z.looseObject({})), cursor: z.string().optional() }).meta({ id: 'AlertTimelinePage' }),
        },
        ...readErrors,
        404: problem('No such alert within the caller’s reach'),
      },
    }),
  verifyTimeline: () =>
    contract({
      summary: 'Recompute every hash of the alert’s timeline and name the first broken link',
      tags: ['alerts'],
      params: params(),
      responses: {
        200: {
          description: 'The check',
          schema: z
            .object({ ok: z.boolean(), streams: z.array(z.looseObject({ stream: z.string(), ok: z.boolean() })) })
            .meta({ id: 'AlertTimelineCheck' }),
        },
        ...readErrors,
        404: problem('No such alert within the caller’s reach'),
      },
    }),
  listRules: () =>
    contract({
      summary: 'The agency’s alert rules in force, each with its version (the defaults are version 1)',
      tags: ['alerts'],
      responses: {
        200: {
          description: 'The rules',
          schema: z
            .object({
              items: z.array(z.object({ version: z.number().int(), rule: z.looseObject({ id: z.string() }) })),
              watchable: z.array(z.string()),
            })
            .meta({ id: 'AlertRules' }),
        },
        ...readErrors,
      },
    }),
  recordRule: () =>
    contract({
      summary: 'Record a new version of one of the agency’s alert rules (admin)',
      description:
        'Each version is an event on the rule’s stream; alerts raised after it cite it. A rule watching an event type the engine cannot watch, naming a field its type lacks, or with a window over 3 years is a 400.',
      tags: ['alerts'],
      body: z.strictObject({ rule: ruleDefinition(), note: text.describe('why the rule changes') }),
      responses: {
        201: {
          description: 'The version recorded',
          schema: z.object({ version: z.number().int(), rule: z.looseObject({ id: z.string() }) }),
        },
        ...writeErrors,
      },
    }),
  metrics: () =>
    contract({
      summary:
        'Alert metrics for the alerts raised in a period: per rule and per region, acknowledged and closed on time, overdue now, escalations, median hours',
      tags: ['alerts'],
      query: metricsQuery(),
      responses: {
        200: {
          description: 'The figures',
          schema: z.looseObject({ agency: z.string(), total: z.looseObject({ raised: z.number().int() }) }).meta({ id: 'AlertMetrics' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  ranking: () =>
    contract({
      summary:
        'Entities behind open alerts, ranked for targeted work by alert severity, credit class and alert history (never used by the draw)',
      tags: ['alerts'],
      query: z.strictObject({
        region: z
          .string()
          .regex(/^\d{1,6}$/)
          .optional(),
        agency: agencyCode.optional().describe('auditors: the agency (default the caller’s)'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      responses: {
        200: {
          description: 'The ranking, highest first, with each entity’s features',
          schema: z
            .object({
              formula: z.string(),
              items: z.array(z.object({ uscc: z.string(), score: z.number(), features: z.looseObject({ openAlerts: z.number().int() }) })),
            })
            .meta({ id: 'RiskRanking' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
});
