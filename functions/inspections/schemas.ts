import * as z from 'zod';
import { InspectionAssigned } from '#events/inspections/inspection-assigned.v1';
import { answer, CHANNELS, EVIDENCE_KINDS, evidence, position, RESULTS } from '#events/inspections/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, metricsQuery, page, positionPage, problem, readErrors, writeErrors } from '#shared/http-schemas';

/**
 * What every inspection shows of its assignment: a drawn one's (its task and draw), or a targeted one's (定向检查,
 * ordered by a risk alert: its `taskId` is the alert's id, and it has no draw).
 */
const assignment = () =>
  InspectionAssigned.data.partial({ drawId: true, shortfalls: true }).extend({
    origin: z
      .object({ kind: z.literal('targeted'), alertId: z.string() })
      .optional()
      .describe('a targeted inspection ordered by the disposal of this risk alert (not drawn)'),
  });

const WorklistEntry = assignment()
  .extend({
    status: z.enum(['assigned', 'in-progress', 'completed']),
    answered: z.number().int(),
    findings: z.number().int(),
    evidence: z.number().int(),
    result: z.enum(RESULTS).optional(),
    completedAt: z.string().optional(),
  })
  .meta({ id: 'WorklistEntry' });

const when = z.iso.datetime().describe('when it happened on site (an offline client sends the capture time)');
export const Inspection = assignment()
  .extend({
    status: z.enum(['assigned', 'in-progress', 'completed']),
    start: z
      .object({ at: z.string(), channel: z.enum(CHANNELS), position: position.optional(), inspectors: z.array(z.string()) })
      .optional(),
    answers: z.record(z.string(), z.object({ answer: z.string(), note: z.string().optional(), at: z.string(), by: z.string() })),
    findings: z.array(z.object({ findingId: z.string(), text: z.string(), at: z.string(), by: z.string() })),
    evidence: z.array(evidence),
    result: z.object({ result: z.enum(RESULTS), summary: z.string(), at: z.string() }).optional(),
    completedAt: z.string().optional(),
    corrections: z.array(
      z.object({ field: z.string(), target: z.string().optional(), value: z.string(), reason: z.string(), at: z.string(), by: z.string() }),
    ),
  })
  .meta({ id: 'Inspection' });

const id = z.strictObject({ id: z.string().min(1).max(200) });
const tags = ['inspections'];
const commandErrors = { ...writeErrors, 404: problem('Not on the caller’s worklist'), 409: problem('Completed, or not ready to complete') };
const command = <B extends z.ZodType>(summary: string, body: B) =>
  contract({
    summary,
    tags,
    params: id,
    body,
    responses: { 200: { description: 'The inspection after the command', schema: Inspection }, ...commandErrors },
  });

export const contracts = lazyContracts({
  worklist: () =>
    contract({
      summary: 'The caller’s assigned inspections, by planned date',
      tags,
      query: z.strictObject({ limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(WorklistEntry, 'Worklist') }, ...readErrors },
    }),
  getInspection: () =>
    contract({
      summary: 'An inspection (its team, or staff of the owning agency)',
      tags,
      params: id,
      responses: { 200: { description: 'The inspection', schema: Inspection }, ...readErrors, 404: problem('Not visible to the caller') },
    }),
  start: () =>
    command(
      'Start on site: time, GPS position with accuracy, the inspectors present, the channel',
      z.strictObject({
        at: when,
        channel: z.enum(CHANNELS),
        position: position.optional(),
        inspectors: z.array(z.string()).min(1).max(10),
      }),
    ),
  answers: () => command('Answer checklist questions', z.strictObject({ at: when, answers: z.array(answer).min(1).max(200) })),
  findings: () =>
    command(
      'Record a finding',
      z.strictObject({ at: when, findingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), text: z.string().min(1).max(4000) }),
    ),
  result: () =>
    command('Record the result', z.strictObject({ at: when, result: z.enum(RESULTS), summary: z.string().max(4000).default('') })),
  complete: () => command('Complete: every mandatory answer, at least two inspectors (行政处罚法 §42); once', z.strictObject({ at: when })),
  corrections: () =>
    command(
      'Correct a completed inspection: a new event with its reason and author',
      z.strictObject({
        at: when,
        field: z.enum(['summary', 'finding']),
        target: z.string().optional(),
        value: z.string().min(1).max(4000),
        reason: z.string().min(1).max(1000),
      }),
    ),
  upload: () =>
    contract({
      summary: 'Ask for an upload URL for a photo, a file or the party’s signature (step 1 of 2)',
      tags,
      params: id,
      body: z.strictObject({ kind: z.enum(EVIDENCE_KINDS), contentType: z.string().min(1).max(100), size: z.number().int().positive() }),
      responses: {
        200: {
          description: 'PUT the file there with these headers, then record it',
          schema: z.object({
            evidenceId: z.string(),
            url: z.string(),
            method: z.literal('PUT'),
            headers: z.record(z.string(), z.string()),
            expiresAt: z.string(),
          }),
        },
        ...commandErrors,
      },
    }),
  download: () =>
    contract({
      summary: 'A short-lived link to one photo, file or signature, with the SHA-256 recorded at upload',
      tags,
      params: z.strictObject({ id: z.string().min(1).max(200), evidenceId: z.string().min(1).max(100) }),
      responses: {
        200: {
          description: 'GET the file there before expiresAt; its SHA-256 must equal sha256',
          schema: z.object({
            evidenceId: z.string(),
            kind: z.enum(EVIDENCE_KINDS),
            contentType: z.string(),
            size: z.number().int(),
            sha256: z.string(),
            url: z.string(),
            method: z.literal('GET'),
            expiresAt: z.string(),
          }),
        },
        ...readErrors,
        404: problem('Not visible to the caller, or no such evidence'),
      },
    }),
  evidence: () =>
    command(
      'Record uploaded evidence: the server hashes the file (step 2 of 2)',
      z.strictObject({
        evidenceId: z.string().min(1).max(100),
        kind: z.enum(EVIDENCE_KINDS),
        capturedAt: z.iso.datetime(),
        caption: z.string().max(500).optional(),
      }),
    ),
  completed: () =>
    contract({
      summary: 'The inspections behind 掌上执法率: those completed on site in the period (China Standard Time days), newest first',
      description:
        'The same inspections `GET /inspection-metrics` counts, for the same period, region and agency (auditors: another agency of their jurisdiction), optionally of one channel (`mobile-form` for those started on the mobile form); `total` counts them all, a page at a time.',
      tags,
      query: metricsQuery().extend({
        channel: z.enum(CHANNELS).optional(),
        ...positionPage(100, 50),
      }),
      responses: {
        200: {
          description: 'A page',
          schema: z
            .object({
              total: z.number().int(),
              items: z.array(
                z
                  .object({
                    inspectionId: z.string(),
                    taskId: z.string(),
                    entity: z.looseObject({ uscc: z.string(), name: z.string(), region: z.string() }),
                    completedAt: z.string(),
                    result: z.enum(RESULTS),
                    channel: z.enum(CHANNELS).optional(),
                    origin: z.enum(['random', 'targeted']),
                    team: z.array(z.string()),
                  })
                  .meta({ id: 'CompletedInspection' }),
              ),
              cursor: z.string().optional(),
            })
            .meta({ id: 'CompletedInspectionPage' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  metrics: () =>
    contract({
      summary:
        'Share of completed on-site inspections done on the mobile form (掌上执法率), per period (and region: of the inspected entities)',
      tags,
      query: metricsQuery(),
      responses: {
        200: {
          description: 'Metrics',
          schema: z
            .object({
              agency: z.string(),
              from: z.string(),
              to: z.string(),
              completedOnSite: z.number().int(),
              onMobileForm: z.number().int(),
              mobileShare: z.number(),
            })
            .meta({ id: 'InspectionMetrics' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
});
