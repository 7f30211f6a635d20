import * as z from 'zod';
import { ABNORMAL_CAUSES } from '#events/credit/values';
import { agencyCode, usccFormat } from '#events/directory/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { auditedAgency, positionPage, problem, publicErrors, readErrors, writeErrors } from '#shared/http-schemas';

const creditClass = z.enum(['A', 'B', 'C', 'D']);
const source = z.object({ stream: z.string(), seq: z.number().int(), type: z.string() });
/** A part of the agency's directory: a region (a division code or its prefix) and an industry. */
const directoryFilter = () => ({
  region: z
    .string()
    .regex(/^\d{2,6}$/, 'a region is an administrative division code or its prefix (2-6 digits)')
    .optional(),
  industry: z
    .string()
    .regex(/^[A-T](\d{2,4})?$/, 'an industry is a GB/T 4754 code such as F52')
    .optional(),
});
let listingSchema: z.ZodType | undefined;
/** One schema object for both routes (openapi.yaml refers to it by its id). */
const listing = () => {
  listingSchema ??= z
    .object({
      listingId: z.string(),
      agency: z.string(),
      uscc: z.string(),
      list: z.enum(['abnormal', 'serious']),
      cause: z.string(),
      caseId: z.string().optional(),
      on: z.iso.date(),
      basis: z.string(),
      causeOn: z.iso.date().optional(),
      due: z.iso.date().optional().describe('abnormal list: the day the listing was due by (10 working days after the cause)'),
      late: z.boolean().optional().describe('listed after its due day'),
      letters: z.array(z.object({ sentOn: z.iso.date(), returnedOn: z.iso.date() })).optional(),
      removed: z.object({ on: z.iso.date(), reason: z.string() }).optional(),
      application: z
        .object({
          on: z.iso.date(),
          reason: z.string(),
          status: z.enum(['applied', 'accepted', 'removed', 'refused']),
          note: z.string().optional(),
          deadlines: z.array(
            z.object({
              name: z.string(),
              due: z.iso.date(),
              provisional: z.boolean().describe('counted on a year whose holidays the State Council has not published yet'),
              basis: z.string(),
              met: z.iso.date().optional(),
              warned: z.boolean().optional(),
              passed: z.boolean().optional(),
            }),
          ),
        })
        .optional()
        .describe('the last application for removal, with its deadlines (working days on the Chinese calendar)'),
    })
    .meta({ id: 'Listing' });
  return listingSchema;
};

let overrideSchema: z.ZodType | undefined;
/** One schema object for both override routes. */
const override = () => {
  overrideSchema ??= z
    .object({
      overrideId: z.string(),
      agency: z.string(),
      uscc: z.string(),
      class: creditClass,
      computedClass: creditClass.describe('the class the profile gave when the override was asked for'),
      reason: z.string(),
      on: z.iso.date(),
      requestedBy: z.string(),
      decided: z.object({ approved: z.boolean(), note: z.string(), on: z.iso.date(), by: z.string() }).optional(),
    })
    .meta({ id: 'CreditOverride' });
  return overrideSchema;
};

let objectionSchema: z.ZodType | undefined;
const deadlines = () =>
  z.array(
    z.object({
      name: z.string(),
      due: z.iso.date(),
      provisional: z.boolean().describe('counted on a year whose holidays the State Council has not published yet'),
      basis: z.string(),
      met: z.iso.date().optional(),
      warned: z.boolean().optional(),
      passed: z.boolean().optional(),
    }),
  );
const objectionTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('factor'), stream: z.string(), seq: z.number().int() }),
  z.object({ kind: z.literal('listing'), listing: z.string() }),
]);
/** One schema object for the three objection routes. */
const objection = () => {
  objectionSchema ??= z
    .object({
      objectionId: z.string(),
      agency: z.string(),
      uscc: z.string(),
      target: objectionTarget,
      reason: z.string(),
      on: z.iso.date(),
      status: z.enum(['filed', 'accepted', 'not-accepted', 'upheld', 'dismissed']),
      deadlines: deadlines(),
      note: z.string().optional(),
      closedOn: z.iso.date().optional(),
    })
    .meta({ id: 'CreditObjection' });
  return objectionSchema;
};

let repairSchema: z.ZodType | undefined;
/** One schema object for the three repair routes. */
const repair = () => {
  repairSchema ??= z
    .object({
      repairId: z.string(),
      agency: z.string(),
      uscc: z.string(),
      caseId: z.string(),
      regime: z.enum(['samr', 'ndrc']),
      field: z.enum(['food', 'drugs', 'special-equipment', 'other']),
      severity: z.enum(['minor', 'general', 'serious']).optional(),
      publishedOn: z.iso.date(),
      earliest: z.iso.date().describe('the first day repair was possible'),
      reason: z.string(),
      on: z.iso.date(),
      status: z.enum(['applied', 'accepted', 'refused', 'granted']),
      deadlines: deadlines(),
      extended: z.boolean().optional(),
      note: z.string().optional(),
      closedOn: z.iso.date().optional(),
    })
    .meta({ id: 'CreditRepair' });
  return repairSchema;
};

export const contracts = lazyContracts({
  publicEntity: () =>
    contract({
      summary: 'What the public reads of an entity (as GSXT shows it): its listings in force and its published penalty decisions',
      description:
        'Every agency’s listings in force on the abnormal-operations list (经营异常名录) and the serious list (严重违法失信名单), with cause, day and basis, and the penalty decisions published now, personal data masked; one under objection is marked (异议处理中). Never the credit class, which is for the regulators’ own use.',
      tags: ['public'],
      params: z.strictObject({ uscc: usccFormat }),
      responses: {
        200: {
          description: 'The entity’s public record (empty lists when nothing is published)',
          schema: z
            .object({
              uscc: z.string(),
              listings: z.array(
                z.object({
                  list: z.enum(['abnormal', 'serious']),
                  listName: z.string(),
                  cause: z.string(),
                  since: z.iso.date(),
                  agency: z.string(),
                  basis: z.string(),
                  underObjection: z.boolean(),
                }),
              ),
              decisions: z.array(
                z.looseObject({ caseId: z.string(), underObjection: z.boolean() }).describe('as GET /public/decisions/{id} answers'),
              ),
            })
            .meta({ id: 'PublicEntity' }),
        },
        ...publicErrors,
      },
    }),
  distribution: () =>
    contract({
      summary: 'The A/B/C/D distribution of the agency’s directory (国市监信发〔2022〕6号), by region and industry',
      description:
        'Each entity in the class the credit context last recorded for it, or, never re-classified, the class the national system gave it (what the draw uses). `reclassified` counts the entities with a class of their own.',
      tags: ['credit'],
      query: z.strictObject({
        ...directoryFilter(),
        agency: auditedAgency(),
      }),
      responses: {
        200: {
          description: 'The counts',
          schema: z
            .object({
              agency: z.string(),
              region: z.string().optional(),
              industry: z.string().optional(),
              asOf: z.iso.date(),
              total: z.number().int(),
              classes: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int(), D: z.number().int() }),
              reclassified: z.number().int(),
            })
            .meta({ id: 'CreditDistribution' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  requests: () =>
    contract({
      summary: 'The agency’s credit requests to decide: objections (异议), repair applications (信用修复) and class overrides (人工调整)',
      description:
        'Without `uscc`: every request of the agency waiting for its next step (受理 or the decision), the earliest due first (an override, which has no statutory period, by the day it was asked for), a page at a time: what a supervisor’s worklist shows. With `uscc`: that entity’s requests, waiting (`status=pending`) or all, newest first. Each carries its next step and by when, and the entity’s name in the agency’s directory.',
      tags: ['credit'],
      query: z.strictObject({
        uscc: usccFormat.optional(),
        status: z.enum(['pending', 'all']).default('pending').describe('`all` is listed per entity (with uscc)'),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        cursor: z.string().max(2000).optional(),
      }),
      responses: {
        200: {
          description: 'A page of requests',
          schema: z
            .object({
              items: z.array(
                z
                  .object({
                    kind: z.enum(['objection', 'repair', 'override']),
                    id: z.string(),
                    uscc: z.string(),
                    entity: z.string().optional(),
                    status: z.string(),
                    on: z.iso.date(),
                    reason: z.string(),
                    next: z.enum(['accept', 'decide']).optional().describe('the agency’s next step; absent once decided'),
                    due: z.iso.date().optional(),
                    provisional: z.boolean().optional(),
                    overdue: z.boolean().optional(),
                    note: z.string().optional(),
                    closedOn: z.iso.date().optional(),
                    target: z.object({ kind: z.enum(['factor', 'listing']) }).optional(),
                    caseId: z.string().optional(),
                    regime: z.string().optional(),
                    class: creditClass.optional(),
                    computedClass: creditClass.optional(),
                    requestedBy: z.string().optional(),
                  })
                  .meta({ id: 'CreditRequest' }),
              ),
              cursor: z.string().optional(),
            })
            .meta({ id: 'CreditRequestPage' }),
        },
        ...readErrors,
        404: problem('The entity is not in the caller’s agency directory'),
      },
    }),
  classedEntities: () =>
    contract({
      summary: 'The entities behind the distribution: each of the agency’s directory in the class the draw uses, optionally of one class',
      description:
        'The same entities and classes `GET /credit/distribution` counts (the class the credit context last recorded, else the national one), with the national class beside it, by credit code, a page at a time; `total` counts them.',
      tags: ['credit'],
      query: z.strictObject({
        class: creditClass.optional(),
        ...directoryFilter(),
        agency: auditedAgency(),
        ...positionPage(500, 100),
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
                    uscc: z.string(),
                    name: z.string(),
                    region: z.string(),
                    class: creditClass,
                    nationalClass: creditClass,
                    reclassified: z.boolean(),
                    flags: z.array(z.string()),
                  })
                  .meta({ id: 'ClassedEntity' }),
              ),
              cursor: z.string().optional(),
            })
            .meta({ id: 'ClassedEntityPage' }),
        },
        ...readErrors,
        404: problem('Another agency (people see only their own)'),
      },
    }),
  timeline: () =>
    contract({
      summary:
        'An entity’s credit timeline: every event of its class, listings, objections, repairs and overrides, exactly as stored (hash chain v1)',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      query: z.strictObject({
        limit: z.coerce.number().int().min(1).max(1000).default(100),
        cursor: z.string().max(2000).optional(),
        agency: agencyCode.optional().describe('auditors: the agency whose directory holds the entity (default the caller’s)'),
      }),
      responses: {
        200: {
          description: 'A page of events, in order',
          schema: z.object({ events: z.array(z.looseObject({})), cursor: z.string().optional() }).meta({ id: 'CreditTimelinePage' }),
        },
        ...readErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
  verifyTimeline: () =>
    contract({
      summary: 'Recompute every hash of the entity’s credit timeline and name the first broken link',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      query: z.strictObject({
        agency: agencyCode.optional().describe('auditors: the agency whose directory holds the entity (default the caller’s)'),
      }),
      responses: {
        200: {
          description: 'The check',
          schema: z
            .object({ ok: z.boolean(), streams: z.array(z.looseObject({ stream: z.string(), ok: z.boolean() })) })
            .meta({ id: 'CreditTimelineCheck' }),
        },
        ...readErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
  applyRepair: () =>
    contract({
      summary: 'Record an entity’s application for credit repair (信用修复) of a published penalty decision of the agency',
      description:
        'Judged by the agency’s rule set (CREDIT_REPAIR_REGIME). samr (国市监信规〔2021〕3号 Art. 6 with 总局令第45号 Art. 13–14): after 6 months of publication (a year in food, drugs and special equipment), obligations performed, harm removed, no penalty of the same kind since, on neither list; never for suspension or licence revocation (409 citing Art. 14); a warning or a small fine expires after 3 months by itself. Accept within 2, decide within 15 working days. ndrc (国家发展改革委令第36号, 2026-04-01): 一般 after 3 months, 严重 after 1 year; accept within 3, decide within 7, extended once by 10. Granted, the decision leaves the disclosure site at once and the penalty no longer weighs on the profile.',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      body: z.strictObject({
        caseId: z.string().min(1).max(200),
        field: z.enum(['food', 'drugs', 'special-equipment', 'other']).default('other'),
        reason: z.string().trim().min(1).max(4000),
        obligationsPerformed: z.boolean().describe('the decision’s obligations (the fine paid, the order complied with) are performed'),
        harmRemoved: z.boolean().describe('the harm done is removed'),
      }),
      responses: {
        201: { description: 'Recorded, with its acceptance deadline', schema: repair() },
        ...writeErrors,
        404: problem('Not in the caller’s agency directory'),
        409: problem('Not repairable now or at all: the article, and the earliest day when there is one'),
      },
    }),
  acceptRepair: () =>
    contract({
      summary: 'Accept (受理) or not accept a repair application',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ accept: z.boolean(), note: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Accepted (its decision due) or not accepted', schema: repair() },
        ...writeErrors,
        404: problem('Not a repair application of the caller’s agency'),
        409: problem('Accepted or ended already'),
      },
    }),
  decideRepair: () =>
    contract({
      summary: 'Grant or refuse an accepted repair application, or (NDRC Order 36, once) extend its period',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ outcome: z.enum(['grant', 'refuse', 'extend']), note: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Decided', schema: repair() },
        ...writeErrors,
        404: problem('Not a repair application of the caller’s agency'),
        409: problem('Not accepted yet, ended already, or no extension under these rules'),
      },
    }),
  fileObjection: () =>
    contract({
      summary: 'Record an entity’s objection (异议) to a factor of its credit profile or to a listing',
      description:
        'A factor is named by its source event (stream and seq, as the profile lists it); a listing by its id, within 30 days of its publication (409 after, with the last day). Acceptance is due within 5 working days, verification within 20 of the acceptance. While it runs the factor or listing is marked 异议处理中 on the profile (underObjection) and on the public page; whether the factor counts meanwhile is the setting CREDIT_OBJECTION_SUSPENDS (default: it counts).',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      body: z.strictObject({
        target: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('factor'), stream: z.string().min(1).max(300), seq: z.number().int().min(1) }),
          z.strictObject({ kind: z.literal('listing'), listingId: z.string().min(1).max(100) }),
        ]),
        reason: z.string().trim().min(1).max(4000),
      }),
      responses: {
        201: { description: 'Recorded, with its deadlines', schema: objection() },
        ...writeErrors,
        404: problem('Not in the caller’s agency directory'),
        409: problem('An objection to it is running, the listing was removed, or more than 30 days after its publication'),
      },
    }),
  acceptObjection: () =>
    contract({
      summary: 'Accept (受理) or not accept an objection',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ accept: z.boolean(), note: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Accepted (verification due within 20 working days) or not accepted', schema: objection() },
        ...writeErrors,
        404: problem('Not an objection of the caller’s agency'),
        409: problem('Accepted or ended already'),
      },
    }),
  decideObjection: () =>
    contract({
      summary: 'Decide an accepted objection: upheld removes the factor or the listing from the profile and the public page from today',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ upheld: z.boolean(), note: z.string().trim().min(1).max(4000) }),
      responses: {
        200: { description: 'Decided', schema: objection() },
        ...writeErrors,
        404: problem('Not an objection of the caller’s agency'),
        409: problem('Not accepted yet, or ended already'),
      },
    }),
  requestOverride: () =>
    contract({
      summary: 'Ask to set an entity’s credit class by hand (人工调整), with a written reason; a supervisor decides',
      description:
        'Approved (POST /overrides/{id}/decide, by a supervisor other than the one who asked), the class shows on the profile with its reason and holds until a later fact about the entity (a new inspection result, penalty or listing calls for the computed class again). The lists still cap it: an override never lifts the abnormal-operations or the serious list.',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      body: z.strictObject({
        class: creditClass,
        reason: z.string().trim().min(10, 'write the reason out (at least 10 characters)').max(2000),
      }),
      responses: {
        201: { description: 'Asked for; waiting for a supervisor', schema: override() },
        ...writeErrors,
        404: problem('Not in the caller’s agency directory'),
        409: problem('The entity is of that class already'),
      },
    }),
  decideOverride: () =>
    contract({
      summary: 'Approve or refuse a class override (a supervisor other than the one who asked)',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ approve: z.boolean(), note: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Decided', schema: override() },
        ...writeErrors,
        403: problem('The supervisor who asked for the override cannot decide it'),
        404: problem('Not an override of the caller’s agency'),
        409: problem('Decided already'),
      },
    }),
  history: () =>
    contract({
      summary: 'Every change of an entity’s credit class, with its cause (Credit.ClassChanged)',
      query: z.strictObject({
        agency: agencyCode.optional().describe('auditors: the agency whose directory holds the entity (default the caller’s)'),
      }),
      description:
        'A class is recorded when a re-classification finds it changed: at once when a fact about the entity arrives (an inspection result, a penalty, a listing, a new national class), and monthly as factors decay. Each change’s `version` is the profile version a draw’s proof cites (`classedBy`). `class` is null for an entity never re-classified: it is classed by the class the national system gave it.',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      responses: {
        200: {
          description: 'The class changes, oldest first',
          schema: z
            .object({
              uscc: z.string(),
              class: creditClass.nullable(),
              changes: z.array(
                z.object({
                  version: z.number().int().min(1),
                  recordedAt: z.string(),
                  from: creditClass.nullable(),
                  to: creditClass,
                  score: z.number().int(),
                  asOf: z.iso.date(),
                  rules: z.array(z.string()),
                  cause: z.object({
                    kind: z.enum(['fact', 'monthly', 'rebuild']),
                    event: z.object({ type: z.string(), stream: z.string(), seq: z.number().int() }).optional(),
                  }),
                }),
              ),
            })
            .meta({ id: 'CreditClassHistory' }),
        },
        ...readErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
  listEntity: () =>
    contract({
      summary: 'Put an entity on the abnormal-operations list (经营异常名录) or the serious illegal and dishonest list (严重违法失信名单)',
      description: `Abnormal list causes (企业经营异常名录管理办法 as revised by SAMR Order 101, 2025): ${ABNORMAL_CAUSES.join(', ')}. A serious listing names the case of its heavier penalty (SAMR Order 44, 2021): a case of the agency about the entity, decided with a fine in the heavier range of the discretion table, a suspension or a licence revocation (400 for another case, 409 for one not decided or not heavier). The profile's class is then at best C (abnormal) or D (serious).`,
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      body: z.strictObject({
        list: z.enum(['abnormal', 'serious']),
        cause: z.string().min(1).max(2000).describe('abnormal list: one of the causes above; serious list: what the penalty was for'),
        caseId: z.string().min(1).max(200).optional(),
        causeOn: z.iso
          .date()
          .optional()
          .describe('abnormal list: the day the cause arose (default today); the listing is due within 10 working days of it'),
        letters: z
          .array(z.strictObject({ sentOn: z.iso.date(), returnedOn: z.iso.date() }))
          .length(2)
          .optional()
          .describe('unreachable-at-address: the two registered letters, 15 to 30 days apart, both returned'),
      }),
      responses: {
        201: { description: 'Listed', schema: listing() },
        ...writeErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
  removeListing: () =>
    contract({
      summary: 'Remove a listing: the duty done (abnormal list), or early after a year on the list (serious list, §16)',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ reason: z.string().min(1).max(2000) }),
      responses: {
        200: { description: 'Removed', schema: listing() },
        ...writeErrors,
        404: problem('Not a listing of the caller’s agency'),
        409: problem('Removed already, or a serious listing before a year on the list (the earliest date given)'),
      },
    }),
  applyRemoval: () =>
    contract({
      summary: 'Record an entity’s application to be removed from a list (the duty done; the serious list after a year on it)',
      description:
        'The abnormal list’s application is decided within 5 working days (企业经营异常名录管理办法, SAMR Order 101); the serious list’s is accepted within 2 working days and decided within 15 of its acceptance (SAMR Order 44). The deadlines are on the listing; the daily sweep records Credit.DeadlineApproaching and Credit.DeadlinePassed.',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Applied; the listing with its deadlines', schema: listing() },
        ...writeErrors,
        404: problem('Not a listing of the caller’s agency'),
        409: problem(
          'Removed already, an application still open, or a serious listing before a year on the list (the earliest date given)',
        ),
      },
    }),
  decideRemoval: () =>
    contract({
      summary: 'Accept (serious list, 受理), remove, or refuse on an open application for removal',
      tags: ['credit'],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      body: z.strictObject({ outcome: z.enum(['accept', 'remove', 'refuse']), note: z.string().trim().min(1).max(2000) }),
      responses: {
        200: { description: 'Decided; removal ends the listing and its publication at once', schema: listing() },
        ...writeErrors,
        404: problem('Not a listing of the caller’s agency'),
        409: problem('No open application, or a step out of order (a serious listing’s application is accepted before it is decided)'),
      },
    }),
  profile: () =>
    contract({
      summary: 'An entity’s credit profile: score (0–1000), class, and every factor with its source event, rule, article and decay',
      description:
        'Computed from the agency’s inspections and cases of the entity and what other departments reported about it (跨部门), each fact judged by the rules in force on its day (credit-v1). Classes: A ≥ 900, B ≥ 750, C ≥ 600, else D (国市监信发〔2022〕6号).',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      query: z.strictObject({
        asOf: z.iso.date().optional().describe('the profile as of this day (China Standard Time); default today'),
        agency: agencyCode.optional().describe('auditors: the agency whose directory holds the entity (default the caller’s)'),
      }),
      responses: {
        200: {
          description: 'The profile',
          schema: z
            .object({
              uscc: z.string(),
              agency: z.string().describe('the agency whose directory and records the profile is computed from'),
              asOf: z.iso.date(),
              score: z.number().int().min(0).max(1000),
              scoreClass: creditClass.describe('the class the score gives, before the lists cap it'),
              class: creditClass,
              capped: z
                .union([
                  z.object({ by: z.enum(['abnormal', 'serious']), listing: z.string(), basis: z.string() }),
                  z.object({ by: z.literal('national'), source, basis: z.string() }),
                ])
                .optional()
                .describe(
                  'why the class is worse than the score’s: a listing, or the class the national system gave (never better than that)',
                ),
              factors: z.array(
                z.object({
                  source,
                  on: z.iso.date(),
                  rule: z.string(),
                  basis: z.string(),
                  initialPoints: z.number().int(),
                  points: z.number().int().describe('as of the profile’s day: decays linearly to 0'),
                  decay: z.object({ months: z.number().int(), endsOn: z.iso.date() }),
                  by: z.enum(['platform', 'other-department']),
                  underObjection: z.string().optional().describe('异议处理中: the objection (its stream) disputing this factor now'),
                }),
              ),
              listings: z.array(
                z.object({
                  listing: z.string(),
                  list: z.enum(['abnormal', 'serious']),
                  since: z.iso.date(),
                  source,
                  underObjection: z.string().optional().describe('异议处理中: the objection disputing this listing now'),
                }),
              ),
              openObjections: z.array(z.object({ objection: z.string(), target: objectionTarget, since: z.iso.date() })),
              override: z
                .object({ class: creditClass, reason: z.string(), on: z.iso.date(), source })
                .optional()
                .describe('a class set by hand with a supervisor’s approval, in force until a later fact about the entity'),
              rules: z.array(z.string()),
            })
            .meta({ id: 'CreditProfile' }),
        },
        ...readErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
});
