import * as z from 'zod';
import { CaseOpened, MEASURE_KINDS, penalty } from '#events/cases/case-events.v1';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, metricsQuery, page, problem, publicErrors, readErrors, writeErrors } from '#shared/http-schemas';
import { COMMAND_BODIES } from './domain/commands.ts';
import { CASE_STATES, type CaseCommand } from './domain/lifecycle.ts';

const id = z.strictObject({ id: z.string().min(1).max(100) });
const day = z.iso.date();
const money = z.number().describe('yuan');
/** A measure as GET /cases/{id}/measures shows it: its record, and while in force its period on the calendar. */
const MeasureView = z
  .looseObject({
    measureId: z.string(),
    kind: z.enum(MEASURE_KINDS),
    state: z.enum(['pending-approval', 'in-force', 'refused', 'released', 'handed-over']),
    emergency: z.boolean(),
    takenAt: z.string(),
    items: z.array(z.looseObject({ name: z.string(), photos: z.array(z.looseObject({ evidenceId: z.string(), sha256: z.string() })) })),
    due: day
      .optional()
      .describe('while in force: the end of the period (30 days + extension + testing time; 7 working days for preservation)'),
    daysLeft: z.number().int().optional(),
    overdue: z.boolean().optional().describe('past its period, neither released nor extended'),
    pausedDays: z.number().int().optional().describe('testing or appraisal days not counted (行政强制法 §25)'),
    approvalDueAt: z.string().optional().describe('an emergency measure not yet approved: approval due within 24 hours (§19)'),
    approvalOverdue: z.boolean().optional(),
  })
  .meta({ id: 'Measure' });
/** A decided fine's standing on a day (行政处罚法 §72). */
const Enforcement = z
  .looseObject({
    on: day,
    fine: money,
    finePaid: money,
    fineOutstanding: money,
    surcharge: money.describe('3% of the overdue fine a day, never more than the fine'),
    surchargePaid: money,
    owed: money,
    capReachedOn: day.optional().describe('the day the surcharge reached the fine'),
    nextDue: day.optional(),
    schedule: z.array(z.object({ due: day, amount: money })),
    courtApplication: z.object({ earliest: day, latest: day, reminded: z.boolean() }).optional(),
  })
  .meta({ id: 'Enforcement' });

const deadline = z.object({
  name: z.enum(['registration', 'decision', 'hearing-request', 'payment']),
  due: z.iso.date(),
  provisional: z.boolean().describe('past the official calendar data the platform holds: counted on weekends alone'),
  running: z.boolean().describe('false once the step it waits for is done'),
});
export const Case = z
  .object({
    caseId: z.string(),
    agency: z.string(),
    status: z.enum(CASE_STATES),
    entity: z.string(),
    party: z.object({ kind: z.string(), name: z.string() }),
    source: z.object({ kind: z.string(), ref: z.string() }),
    summary: z.string(),
    clueOn: z.string(),
    deadlines: z.array(deadline),
    allowed: z.array(z.string()).describe('the steps allowed from the current state'),
    measures: z.array(z.looseObject({})).optional().describe('the coercive measures (GET /cases/{id}/measures shows their periods)'),
    enforcement: z
      .looseObject({})
      .optional()
      .describe(
        'a decided fine today: due dates, paid, surcharge, owed, the court window (GET /cases/{id}/surcharge: the same for any day)',
      ),
  })
  .loose()
  .meta({ id: 'Case' });

const tags = ['cases'];
export const commandContract = <C extends CaseCommand>(command: C) =>
  contract({
    summary: `Lifecycle step: ${command}`,
    tags,
    params: id,
    body: COMMAND_BODIES[command],
    responses: {
      200: { description: 'The case after the step', schema: Case },
      ...writeErrors,
      404: problem('Not in the caller’s agency'),
      409: problem('Not allowed from the current state'),
    },
  });

export const PublicDecision = z
  .object({
    caseId: z.string(),
    agency: z.string(),
    entity: z.string(),
    party: z.string().describe('a natural person’s name in part'),
    summary: z.string().describe('ID and phone numbers masked'),
    penalty,
    decidedOn: z.iso.date(),
    violationName: z.string().optional().describe('违法行为, from the agency’s discretion table'),
    documentNumber: z.string().optional().describe('文书编号 of the decision document'),
    publishedOn: z.iso.date(),
    takedownOn: z.iso.date(),
  })
  .meta({ id: 'PublicDecision' });
/** What the public reads of a decision (the disclosure site types its pages with it). */
export type PublicDecisionView = z.infer<typeof PublicDecision>;

export const contracts = lazyContracts({
  publicDecisions: () =>
    contract({
      summary: 'Published penalty decisions (行政处罚信息公示), newest first, personal data masked; no login',
      tags: ['public'],
      query: z.strictObject({ limit, cursor }),
      responses: {
        200: { description: 'A page', schema: page(PublicDecision, 'PublicDecisionPage') },
        ...publicErrors,
      },
    }),
  publicDecision: () =>
    contract({
      summary: 'One published penalty decision; 404 once withdrawn or past its publication period',
      tags: ['public'],
      params: id,
      responses: {
        200: { description: 'The decision', schema: PublicDecision },
        ...publicErrors,
        404: problem('Not published'),
      },
    }),
  createCase: () =>
    contract({
      summary: 'Open a case from a clue (线索): a complaint entered by a case officer',
      tags,
      body: z.strictObject({
        entity: CaseOpened.data.shape.entity,
        party: CaseOpened.data.shape.party,
        summary: z.string().min(1).max(4000),
        ref: z.string().max(200).default(''),
      }),
      responses: {
        201: { description: 'Opened', schema: Case },
        ...writeErrors,
        404: problem('The entity is not in the caller’s agency directory'),
      },
    }),
  decideOnTheSpot: () =>
    contract({
      summary:
        'Simple procedure (简易程序, 行政处罚法 §51): an inspector decides and serves on the spot, within ¥200 (person) or ¥3,000 (organisation)',
      tags,
      body: z.strictObject({
        entity: CaseOpened.data.shape.entity,
        party: CaseOpened.data.shape.party,
        summary: z.string().min(1).max(4000),
        penalty,
        inspectionId: z.string().max(200).default(''),
      }),
      responses: {
        201: { description: 'Decided and served', schema: Case },
        ...writeErrors,
        404: problem('The entity is not in the caller’s directory, or the inspection is not one of the caller’s team'),
      },
    }),
  getCase: () =>
    contract({
      summary: 'A case with its deadlines and the steps allowed now; with asOf, the case as it stood at that instant',
      tags,
      params: id,
      query: z.strictObject({
        asOf: z.iso.datetime({ offset: true }).optional().describe('an ISO-8601 instant: the fold of the events recorded up to it'),
      }),
      responses: {
        200: { description: 'The case', schema: Case },
        ...readErrors,
        404: problem('Not in the caller’s agency, or not opened yet at asOf'),
      },
    }),
  timeline: () =>
    contract({
      summary: 'The case’s events in order, with those of the inspection it came from, each exactly as stored (hash chain v1)',
      tags,
      params: id,
      query: z.strictObject({
        limit,
        cursor,
        format: z.enum(['json', 'csv', 'ndjson']).default('json').describe('csv and ndjson export the whole timeline at once'),
      }),
      responses: {
        200: {
          description: 'A page of events',
          schema: z.object({ events: z.array(z.looseObject({})), cursor: z.string().optional() }).meta({ id: 'TimelinePage' }),
        },
        ...readErrors,
        404: problem('Not visible'),
        422: problem('A CSV or NDJSON export over 5 MiB: read the timeline in pages instead'),
      },
    }),
  verify: () =>
    contract({
      summary: 'Recompute every hash of the timeline and name the first broken link',
      tags,
      params: id,
      responses: {
        200: {
          description: 'The check',
          schema: z
            .object({ ok: z.boolean(), streams: z.array(z.looseObject({ stream: z.string(), ok: z.boolean() })) })
            .meta({ id: 'TimelineCheck' }),
        },
        ...readErrors,
        404: problem('Not visible'),
      },
    }),
  accessLog: () =>
    contract({
      summary:
        'Who read which record when (cases, their timelines, credit profiles): an auditor sees their agency’s reads, others the reads of their agency’s records',
      tags: ['audit'],
      query: z.strictObject({ limit, cursor }),
      responses: {
        200: {
          description: 'A page',
          schema: page(
            z.looseObject({
              at: z.string(),
              reader: z.string(),
              record: z
                .string()
                .describe(
                  'the record read: a case (case/<id>), an entity’s credit record (credit-class/<agency>/<uscc>) or an alert (alert/<id>)',
                ),
              caseId: z.string().optional().describe('set for a case’s record'),
              what: z.string(),
              denied: z.boolean().optional().describe('refused: another agency’s record, answered 404 (kept for the personnel-risk alert)'),
            }),
            'AccessLogPage',
          ),
        },
        ...readErrors,
      },
    }),
  caseUpload: () =>
    contract({
      summary: 'A photo for a measure’s list of things (step 1 of 2): an upload URL; name its evidenceId in the measure’s items',
      tags,
      params: id,
      body: z.strictObject({ contentType: z.string().min(1).max(100), size: z.number().int().positive() }),
      responses: {
        200: {
          description: 'Where to PUT the file',
          schema: z
            .object({
              evidenceId: z.string(),
              url: z.string(),
              method: z.literal('PUT'),
              headers: z.record(z.string(), z.string()),
              expiresAt: z.string(),
            })
            .meta({ id: 'CaseUploadTicket' }),
        },
        ...writeErrors,
        404: problem('Not a case of the caller’s agency'),
      },
    }),
  casePhoto: () =>
    contract({
      summary: 'A photo of a measure’s listed things: a short-lived link and the SHA-256 recorded when it was listed (logged as read)',
      tags,
      params: z.strictObject({ id: z.string().min(1).max(100), evidenceId: z.string().min(1).max(100) }),
      responses: {
        200: {
          description: 'The link',
          schema: z
            .object({
              evidenceId: z.string(),
              sha256: z.string(),
              size: z.number(),
              contentType: z.string(),
              url: z.string(),
              expiresAt: z.string(),
            })
            .loose()
            .meta({ id: 'CasePhotoLink' }),
        },
        ...readErrors,
        404: problem('Not visible, or no such photo on the case’s measures'),
      },
    }),
  measures: () =>
    contract({
      summary:
        'The case’s coercive measures and evidence preservation, each with its period, extension, approval and release (logged as read)',
      tags,
      params: id,
      responses: {
        200: {
          description: 'The measures',
          schema: z
            .object({ caseId: z.string(), status: z.enum(CASE_STATES), measures: z.array(MeasureView) })
            .meta({ id: 'CaseMeasures' }),
        },
        ...readErrors,
        404: problem('Not visible'),
      },
    }),
  surcharge: () =>
    contract({
      summary:
        'The fine’s surcharge (加处罚款, 行政处罚法 §72) and what is owed on any day: none before the due date, never more than the fine',
      tags,
      params: id,
      query: z.strictObject({ on: day.optional().describe('default today') }),
      responses: {
        200: { description: 'The standing', schema: Enforcement.extend({ caseId: z.string() }).meta({ id: 'CaseSurcharge' }) },
        ...readErrors,
        404: problem('Not visible, or the case has no fine'),
      },
    }),
  metrics: () =>
    contract({
      summary:
        'Case supervision figures for a period, in total and per region: coercive measures taken, extended, overdue; decisions; fines collected, surcharges, court applications, transfers',
      tags,
      query: metricsQuery(),
      responses: {
        200: {
          description: 'The figures',
          schema: z
            .looseObject({ agency: z.string(), total: z.looseObject({ measures: z.looseObject({ taken: z.number().int() }) }) })
            .meta({ id: 'CaseMetrics' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  listCases: () =>
    contract({
      summary: 'The agency’s cases, by status or entity',
      tags,
      query: z.strictObject({ status: z.enum(CASE_STATES).optional(), entity: z.string().max(18).optional(), limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(Case, 'CasePage') }, ...readErrors },
    }),
});
