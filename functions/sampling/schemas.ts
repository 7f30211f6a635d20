import * as z from 'zod';
import { DEFAULT_RATES_BP, drawRecord, populationFilter, taskPlan } from '#events/sampling/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, metricsQuery, page, problem, publicErrors, readErrors, writeErrors } from '#shared/http-schemas';
import { targetSet } from './domain/supervision-targets.ts';

const rate = taskPlan.shape.ratesBp.shape.A;

export const CreateTaskBody = z
  .strictObject({
    name: taskPlan.shape.name,
    items: taskPlan.shape.items,
    population: populationFilter.default({}),
    partnerAgencies: taskPlan.shape.partnerAgencies.default([]),
    ratesBp: z.strictObject({ A: rate, B: rate, C: rate, D: rate }).partial().default({}),
    teams: taskPlan.shape.teams,
    maxAssignmentsPerInspector: taskPlan.shape.maxAssignmentsPerInspector,
    period: taskPlan.shape.period,
  })
  .transform((body) => ({ ...body, ratesBp: { ...DEFAULT_RATES_BP, ...body.ratesBp } }))
  .meta({ id: 'SamplingTaskInput' });

export const Task = taskPlan
  .extend({
    status: z.enum(['planned', 'drawn']),
    createdAt: z.iso.datetime(),
    draw: drawRecord.optional().describe('Present once drawn; the seed is revealed here'),
    acceptedBy: z
      .array(z.string())
      .optional()
      .describe('The partner agencies that have accepted the joint task; it is drawn once all have'),
    overdue: z.object({ dueBy: z.iso.date(), flaggedAt: z.iso.datetime() }).optional(),
  })
  .meta({ id: 'SamplingTask' });

const Stratum = z.object({
  name: z.string(),
  rateBp: z.number().int(),
  populationHash: z.string(),
  size: z.number().int(),
  k: z.number().int(),
  selected: z.array(z.string()),
});
export const Proof = z
  .object({
    algorithm: z.literal('draw/v1'),
    taskId: z.string(),
    commitment: z.string(),
    seed: z.string(),
    witness: z.string(),
    drawnAt: z.string(),
    strata: z.array(Stratum),
    poolHash: z.string(),
    pool: z.array(z.object({ id: z.string(), agency: z.string() })),
    teamGroups: z.array(z.object({ agency: z.string(), count: z.number().int() })),
    maxAssignmentsPerInspector: z.number().int().nullable(),
    exclusions: z.object({
      entities: z.array(z.object({ entity: z.string(), reason: z.string(), item: z.string() })),
      conflicts: z.array(z.object({ inspector: z.string(), entity: z.string(), reason: z.string() })),
    }),
    assignments: z.array(
      z.object({
        entity: z.string(),
        inspectors: z.array(z.string()),
        shortfalls: z.array(z.object({ agency: z.string(), needed: z.number().int(), assigned: z.number().int() })),
      }),
    ),
    classedBy: z
      .object({
        basis: z.string(),
        strata: z.record(z.string(), z.record(z.string(), z.number().int().min(0))),
      })
      .optional()
      .describe(
        'Why each entity sat in its stratum: per stratum, the credit profile version each member was classed by (members not listed: the national class, version 0). Not an input of the draw.',
      ),
  })
  .meta({ id: 'DrawProof', description: 'Re-run it with `npm run verify-draw -- proof.json populations/`' });

export const Population = z
  .object({ stratum: z.string(), populationHash: z.string(), size: z.number().int(), ids: z.array(z.string()) })
  .meta({ id: 'DrawPopulation' });

export const Preview = z
  .object({
    taskId: z.string(),
    status: z.string(),
    strata: z.array(z.object({ name: z.string(), rateBp: z.number().int(), size: z.number().int() })),
    excludedAsDrawnThisYear: z.number().int(),
  })
  .meta({ id: 'SamplingPreview' });

export const PublicTask = z
  .object({
    id: z.string(),
    name: z.string(),
    ownerAgency: z.string(),
    partnerAgencies: z.array(z.string()),
    items: z.array(z.string()),
    itemNames: z.record(z.string(), z.string()).optional().describe('The items’ names by code (on a task’s page)'),
    period: z.object({ start: z.string(), end: z.string() }),
    commitment: z.string(),
    status: z.string(),
    drawnAt: z.string().optional(),
    strata: z.array(z.object({ name: z.string(), size: z.number().int(), k: z.number().int() })).optional(),
    selected: z.array(z.string()).optional(),
    results: z.array(z.object({ uscc: z.string(), name: z.string(), result: z.string(), completedAt: z.string() })).optional(),
    resultsOverdue: z.boolean(),
  })
  .meta({ id: 'PublicSamplingTask' });
/** What the public reads of a sampling task (the disclosure site types its pages with it). */
export type PublicTaskView = z.infer<typeof PublicTask>;
/** A task in the public list: the plan with its counts (the sample itself and the results are on the task's page). */
export const PublicTaskSummary = PublicTask.omit({ selected: true, results: true, itemNames: true })
  .extend({
    drawnCount: z.number().int().describe('Entities drawn (0 before the draw)'),
    publishedCount: z.number().int().describe('Entities whose result is published'),
    nonCompliantCount: z.number().int().describe('Published results that found a problem'),
  })
  .meta({ id: 'PublicSamplingTaskSummary' });
export type PublicTaskSummaryView = z.infer<typeof PublicTaskSummary>;

export const Metrics = z
  .object({
    agency: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    region: z.string().optional(),
    tasks: z.number().int(),
    jointTasks: z.number().int(),
    jointTaskShare: z.number().describe('target ≥ 0.05'),
    itemsOwned: z.number().int(),
    itemsCovered: z.number().int(),
    itemCoverage: z.number().describe('share of the agency’s inspection items covered by double-random tasks; target 1'),
    drawnTasks: z.number().int().describe('tasks of the period drawn'),
    publicationOverdue: z.number().int().describe('drawn tasks whose results were not all published within 20 working days'),
    publicationOnTimeShare: z
      .number()
      .describe('share of drawn tasks not flagged overdue (tasks still within their 20 working days count as on time); 1 when none'),
  })
  .meta({ id: 'SamplingMetrics' });

const id = z.strictObject({ id: z.string().min(1).max(100) });
const tags = ['sampling'];

export const contracts = lazyContracts({
  createTask: () =>
    contract({
      summary: 'Plan a double-random sampling task (双随机抽查); the answer carries the seed commitment',
      tags,
      body: CreateTaskBody,
      responses: { 201: { description: 'Planned', schema: Task }, ...writeErrors },
    }),
  listTasks: () =>
    contract({
      summary: 'The caller’s agency’s tasks, newest first',
      tags,
      query: z.strictObject({ limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(Task, 'SamplingTaskPage') }, ...readErrors },
    }),
  getTask: () =>
    contract({
      summary: 'A task (owner, partners, and auditors of its jurisdiction)',
      tags,
      params: id,
      responses: { 200: { description: 'The task', schema: Task }, ...readErrors, 404: problem('Not visible to the caller') },
    }),
  previewTask: () =>
    contract({
      summary: 'Population size per credit class, as the draw would see it now',
      tags,
      params: id,
      responses: { 200: { description: 'Sizes', schema: Preview }, ...readErrors, 404: problem('Not visible to the caller') },
    }),
  acceptTask: () =>
    contract({
      summary: 'Accept a joint task for a partner agency (its supervisor), before the draw',
      tags,
      params: id,
      body: z.strictObject({ note: z.string().max(1000).default('') }),
      responses: {
        200: { description: 'Accepted (again: no change)', schema: Task },
        ...writeErrors,
        404: problem('Not a task the caller’s agency is a partner of'),
        409: problem('Already drawn'),
      },
    }),
  drawTask: () =>
    contract({
      summary: 'Draw, with the witness’s entropy (supervisor of the owning agency, once)',
      tags,
      params: id,
      body: z.strictObject({ witness: z.string().min(1).max(500) }),
      responses: {
        200: { description: 'Drawn; the seed is revealed', schema: Task },
        ...writeErrors,
        404: problem('Not visible to the caller'),
        409: problem('Already drawn'),
      },
    }),
  proof: () =>
    contract({
      summary: 'Everything needed to re-run the draw (draw/v1)',
      tags,
      params: id,
      responses: {
        200: { description: 'The proof', schema: Proof },
        ...readErrors,
        404: problem('Not visible'),
        409: problem('Not drawn yet'),
      },
    }),
  population: () =>
    contract({
      summary: 'The sorted ids of one stratum as drawn',
      tags,
      params: z.strictObject({ id: id.shape.id, stratum: z.enum(['A', 'B', 'C', 'D']) }),
      responses: {
        200: { description: 'The population', schema: Population },
        ...readErrors,
        404: problem('Not visible'),
        409: problem('Not drawn yet'),
      },
    }),
  metrics: () =>
    contract({
      summary:
        'Double-random coverage of the agency’s inspection items and share of joint tasks, per period (and region: the tasks planned for it)',
      tags,
      query: metricsQuery(),
      responses: {
        200: { description: 'Metrics', schema: Metrics },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  targets: () =>
    contract({
      summary:
        'The supervision targets of a jurisdiction and year (item coverage 100 %, joint tasks ≥ 5 %, 掌上执法率 ≥ 90 %, results within 20 working days), as set (SUPERVISION_TARGETS)',
      tags,
      query: z.strictObject({
        jurisdiction: z
          .string()
          .regex(/^\d{2,6}$/)
          .optional()
          .describe('default the caller’s'),
        year: z.coerce.number().int().min(2000).max(2100).optional().describe('default this year'),
      }),
      responses: {
        200: {
          description: 'The targets, and the settings they came from (least to most specific)',
          schema: z
            .object({ jurisdiction: z.string(), year: z.number().int(), targets: targetSet, sources: z.array(z.string()) })
            .meta({ id: 'SupervisionTargets' }),
        },
        ...readErrors,
      },
    }),
  publicTasks: () =>
    contract({
      summary: 'Published sampling plans and results (一公开), no login',
      tags: ['public'],
      query: z.strictObject({ limit, cursor }),
      responses: {
        200: { description: 'A page', schema: page(PublicTaskSummary, 'PublicSamplingTaskPage') },
        ...publicErrors,
      },
    }),
  publicTask: () =>
    contract({
      summary: 'One published sampling plan and its results',
      tags: ['public'],
      params: id,
      responses: { 200: { description: 'The task', schema: PublicTask }, ...publicErrors, 404: problem('No such task') },
    }),
});
