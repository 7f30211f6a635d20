import * as z from 'zod';
import { importFormat, importJobId, importRowReport } from '#events/directory/import-values';
import {
  agencyCode,
  agencyState,
  creditClass,
  entityState,
  industryCode,
  inspectionItemState,
  inspectorState,
  listFlag,
  regionCode,
} from '#events/directory/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { cursor, limit, page, problem, publicErrors, readErrors, writeErrors } from '#shared/http-schemas';
import { usccProblem } from './domain/uscc.ts';

/** A credit code whose check character is verified (GB 32100-2015); the message names what is wrong. */
export const uscc = z.string().superRefine((code, ctx) => {
  const problem = usccProblem(code);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem.message });
});

const version = z.number().int().positive();
const recordMeta = { agency: agencyCode, version, updatedAt: z.iso.datetime() };

export const EntityBody = z
  .strictObject({
    uscc,
    name: entityState.shape.name,
    industry: industryCode,
    region: regionCode,
    address: entityState.shape.address,
    creditClass: creditClass.default('A'),
    flags: z.array(listFlag).max(2).default([]),
  })
  .meta({ id: 'EntityInput' });
export const AgencyBody = agencyState.omit({ code: true }).meta({ id: 'AgencyInput' });
export const Agency = agencyState.extend(recordMeta).meta({ id: 'Agency' });
export const AgencyPatch = agencyState
  .omit({ code: true })
  .partial()
  .extend({ expectedVersion: version })
  .strict()
  .meta({ id: 'AgencyPatch' });
/** What the public reads of an agency: its code and name (the disclosure site types its pages with it). */
export const PublicAgency = agencyState.meta({ id: 'PublicAgency' });
export type PublicAgencyView = z.infer<typeof PublicAgency>;

export const Entity = entityState.extend(recordMeta).meta({ id: 'Entity' });
export const EntityPatch = entityState
  .omit({ uscc: true })
  .partial()
  .extend({ expectedVersion: version })
  .strict()
  .meta({ id: 'EntityPatch' });

export const InspectorBody = z
  .strictObject({
    id: inspectorState.shape.id.optional(),
    name: inspectorState.shape.name,
    specialties: inspectorState.shape.specialties.default([]),
    certificateNumber: inspectorState.shape.certificateNumber,
    conflicts: z.array(uscc).max(1000).default([]),
  })
  .meta({ id: 'InspectorInput' });
export const Inspector = inspectorState.extend(recordMeta).meta({ id: 'Inspector' });
export const InspectorPatch = z
  .strictObject({
    name: inspectorState.shape.name.optional(),
    specialties: inspectorState.shape.specialties.optional(),
    certificateNumber: inspectorState.shape.certificateNumber.optional(),
    conflicts: z.array(uscc).max(1000).optional(),
    expectedVersion: version,
  })
  .meta({ id: 'InspectorPatch' });

export const InspectionItemBody = inspectionItemState
  .extend({ owningAgencies: inspectionItemState.shape.owningAgencies.optional() })
  .meta({ id: 'InspectionItemInput' });
export const InspectionItem = inspectionItemState.extend(recordMeta).meta({ id: 'InspectionItem' });
export const InspectionItemPatch = inspectionItemState
  .omit({ code: true })
  .partial()
  .extend({ expectedVersion: version })
  .strict()
  .meta({ id: 'InspectionItemPatch' });

export const EntityQuery = z.strictObject({
  industry: industryCode.optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/, 'a region filter is a 2-6 digit prefix of an administrative division code')
    .optional(),
  limit,
  cursor,
});
export const PageQuery = z.strictObject({ limit, cursor });

const ImportRow = importRowReport.extend({ outcome: z.enum(['duplicate', 'rejected']) });
export const ImportJob = z
  .object({
    id: importJobId,
    status: z.enum(['running', 'completed', 'failed']).describe('failed: no row could be registered'),
    format: importFormat,
    sha256: z.string().describe('SHA-256 of the file as received'),
    total: z.number().int().describe('rows in the file'),
    rowsDone: z.number().int().describe('rows processed so far (of total)'),
    accepted: z.number().int().describe('rows registered by this job'),
    duplicates: z.number().int().describe('rows already registered, or repeated in the file'),
    rejected: z.number().int().describe('rows refused'),
    requestedAt: z.iso.datetime(),
    requestedBy: z.string(),
    completedAt: z.iso.datetime().optional(),
    rows: z.array(ImportRow).describe('the rows that did not go in, with their line and reason, in line order'),
    cursor: z.string().optional().describe('more rows: pass it back as ?cursor='),
  })
  .meta({ id: 'ImportJob' });

const tags = ['directory'] as const;

export const contracts = lazyContracts({
  registerAgency: () =>
    contract({
      summary: 'Name the caller’s own agency (its admin, once): the code is the one the caller’s token carries',
      tags,
      body: AgencyBody,
      responses: { 201: { description: 'Registered', schema: Agency }, ...writeErrors, 409: problem('Already registered') },
    }),
  updateAgency: () =>
    contract({
      summary: 'Rename the caller’s own agency or change its region, guarded by its expected version',
      tags,
      params: z.strictObject({ code: z.string().max(64) }),
      body: AgencyPatch,
      responses: {
        200: { description: 'Updated', schema: Agency },
        ...writeErrors,
        404: problem('Not the caller’s agency, or not registered'),
        409: problem('Stale expectedVersion'),
      },
    }),
  publicAgencies: () =>
    contract({
      summary: 'The agencies that have named themselves, by code; no login',
      tags: ['public'],
      query: z.strictObject({ limit, cursor }),
      responses: { 200: { description: 'A page', schema: page(PublicAgency, 'PublicAgencyPage') }, ...publicErrors },
    }),
  createEntity: () =>
    contract({
      summary: 'Register a market entity in the caller’s agency directory',
      tags,
      body: EntityBody,
      responses: { 201: { description: 'Registered', schema: Entity }, ...writeErrors, 409: problem('Already registered') },
    }),
  getEntity: () =>
    contract({
      summary: 'Read a market entity',
      tags,
      params: z.strictObject({ uscc: z.string() }),
      responses: { 200: { description: 'The entity', schema: Entity }, ...readErrors, 404: problem('Not in the caller’s agency') },
    }),
  listEntities: () =>
    contract({
      summary: 'List market entities by industry and region prefix',
      tags,
      query: EntityQuery,
      responses: { 200: { description: 'A page', schema: page(Entity, 'EntityPage') }, ...readErrors },
    }),
  updateEntity: () =>
    contract({
      summary: 'Change a market entity, guarded by its expected version',
      tags,
      params: z.strictObject({ uscc: z.string() }),
      body: EntityPatch,
      responses: {
        200: { description: 'Updated', schema: Entity },
        ...writeErrors,
        404: problem('Not in the caller’s agency'),
        409: problem('Stale expectedVersion'),
      },
    }),
  startImport: () =>
    contract({
      summary: 'Start a bulk import of market entities from NDJSON or CSV (up to 100,000 rows); answers 202 with the job',
      description:
        'CSV columns: uscc,name,industry,region,address,creditClass,flags (flags separated by |). Every row is checked before the job starts; a file with no rows, a bad CSV header or more than 100,000 rows is refused whole (400). The job then registers the good rows in chunks: follow its Location for progress and for every row that did not go in (line and reason). Rows already registered are duplicates, so importing a file twice creates nothing twice. A body over 4 MiB must be sent gzip-compressed (Content-Encoding: gzip).',
      tags,
      textBodyTypes: ['application/x-ndjson', 'text/csv'],
      maxBodyBytes: 4 * 1024 * 1024,
      gzipMaxBytes: 64 * 1024 * 1024,
      responses: {
        202: { description: 'The job, started; its address is in Location', schema: ImportJob },
        ...writeErrors,
      },
    }),
  getImport: () =>
    contract({
      summary: 'Progress and report of an import job of the caller’s agency',
      tags,
      params: z.strictObject({ id: z.string().max(64) }),
      query: z.strictObject({
        cursor: z
          .string()
          .regex(/^\d{1,9}$/, 'a cursor this job returned')
          .optional(),
      }),
      responses: { 200: { description: 'The job', schema: ImportJob }, ...readErrors, 404: problem('Not a job of the caller’s agency') },
    }),
  createInspector: () =>
    contract({
      summary: 'Register an inspector of the caller’s agency',
      tags,
      body: InspectorBody,
      responses: { 201: { description: 'Registered', schema: Inspector }, ...writeErrors, 409: problem('Already registered') },
    }),
  getInspector: () =>
    contract({
      summary: 'Read an inspector',
      tags,
      params: z.strictObject({ id: z.string() }),
      responses: { 200: { description: 'The inspector', schema: Inspector }, ...readErrors, 404: problem('Not in the caller’s agency') },
    }),
  listInspectors: () =>
    contract({
      summary: 'List the inspectors of the caller’s agency',
      tags,
      query: PageQuery,
      responses: { 200: { description: 'A page', schema: page(Inspector, 'InspectorPage') }, ...readErrors },
    }),
  updateInspector: () =>
    contract({
      summary: 'Change an inspector (e.g. declared conflicts), guarded by its expected version',
      tags,
      params: z.strictObject({ id: z.string() }),
      body: InspectorPatch,
      responses: {
        200: { description: 'Updated', schema: Inspector },
        ...writeErrors,
        404: problem('Not in the caller’s agency'),
        409: problem('Stale expectedVersion'),
      },
    }),
  createInspectionItem: () =>
    contract({
      summary: 'Add an inspection item (检查事项) to the catalog; the caller’s agency is always an owner',
      tags,
      body: InspectionItemBody,
      responses: { 201: { description: 'Added', schema: InspectionItem }, ...writeErrors, 409: problem('Code already in the catalog') },
    }),
  getInspectionItem: () =>
    contract({
      summary: 'Read an inspection item owned by the caller’s agency',
      tags,
      params: z.strictObject({ code: z.string() }),
      responses: {
        200: { description: 'The item', schema: InspectionItem },
        ...readErrors,
        404: problem('Not owned by the caller’s agency'),
      },
    }),
  listInspectionItems: () =>
    contract({
      summary: 'List the inspection items the caller’s agency owns',
      tags,
      query: PageQuery,
      responses: { 200: { description: 'A page', schema: page(InspectionItem, 'InspectionItemPage') }, ...readErrors },
    }),
  updateInspectionItem: () =>
    contract({
      summary: 'Change an inspection item, guarded by its expected version',
      tags,
      params: z.strictObject({ code: z.string() }),
      body: InspectionItemPatch,
      responses: {
        200: { description: 'Updated', schema: InspectionItem },
        ...writeErrors,
        404: problem('Not owned by the caller’s agency'),
        409: problem('Stale expectedVersion'),
      },
    }),
});
