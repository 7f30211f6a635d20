import * as z from 'zod';
import {
  agencyCode,
  creditClass,
  entityState,
  industryCode,
  inspectionItemState,
  inspectorState,
  listFlag,
  regionCode,
} from '#events/directory/values';
import { contract } from '#shared/http-contract';
import { cursor, limit, page, problem, readErrors, writeErrors } from '#shared/http-schemas';
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

const ImportRowReport = z.object({
  line: z.number().int().positive(),
  uscc: z.string().optional(),
  reason: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export const ImportSummary = z
  .object({
    total: z.number().int(),
    accepted: z.number().int().describe('rows registered by this request'),
    duplicates: z.array(ImportRowReport).describe('rows already registered, or repeated in the file'),
    rejected: z.array(ImportRowReport).describe('rows refused, with their line number and reason'),
  })
  .meta({ id: 'ImportSummary' });

const tags = ['directory'] as const;

export const contracts = {
  createEntity: contract({
    summary: 'Register a market entity in the caller’s agency directory',
    tags,
    body: EntityBody,
    responses: { 201: { description: 'Registered', schema: Entity }, ...writeErrors, 409: problem('Already registered') },
  }),
  getEntity: contract({
    summary: 'Read a market entity',
    tags,
    params: z.strictObject({ uscc: z.string() }),
    responses: { 200: { description: 'The entity', schema: Entity }, ...readErrors, 404: problem('Not in the caller’s agency') },
  }),
  listEntities: contract({
    summary: 'List market entities by industry and region prefix',
    tags,
    query: EntityQuery,
    responses: { 200: { description: 'A page', schema: page(Entity, 'EntityPage') }, ...readErrors },
  }),
  updateEntity: contract({
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
  importEntities: contract({
    summary: 'Bulk import market entities from NDJSON or CSV (up to 10,000 rows)',
    description:
      'CSV columns: uscc,name,industry,region,address,creditClass,flags (flags separated by |). Good rows go in, bad rows are reported with their line number; rows already registered are reported as duplicates, so importing a file twice creates nothing twice.',
    tags,
    textBodyTypes: ['application/x-ndjson', 'text/csv'],
    maxBodyBytes: 6 * 1024 * 1024,
    responses: { 200: { description: 'What happened to each row', schema: ImportSummary }, ...writeErrors },
  }),
  createInspector: contract({
    summary: 'Register an inspector of the caller’s agency',
    tags,
    body: InspectorBody,
    responses: { 201: { description: 'Registered', schema: Inspector }, ...writeErrors, 409: problem('Already registered') },
  }),
  getInspector: contract({
    summary: 'Read an inspector',
    tags,
    params: z.strictObject({ id: z.string() }),
    responses: { 200: { description: 'The inspector', schema: Inspector }, ...readErrors, 404: problem('Not in the caller’s agency') },
  }),
  listInspectors: contract({
    summary: 'List the inspectors of the caller’s agency',
    tags,
    query: PageQuery,
    responses: { 200: { description: 'A page', schema: page(Inspector, 'InspectorPage') }, ...readErrors },
  }),
  updateInspector: contract({
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
  createInspectionItem: contract({
    summary: 'Add an inspection item (检查事项) to the catalog; the caller’s agency is always an owner',
    tags,
    body: InspectionItemBody,
    responses: { 201: { description: 'Added', schema: InspectionItem }, ...writeErrors, 409: problem('Code already in the catalog') },
  }),
  getInspectionItem: contract({
    summary: 'Read an inspection item owned by the caller’s agency',
    tags,
    params: z.strictObject({ code: z.string() }),
    responses: {
      200: { description: 'The item', schema: InspectionItem },
      ...readErrors,
      404: problem('Not owned by the caller’s agency'),
    },
  }),
  listInspectionItems: contract({
    summary: 'List the inspection items the caller’s agency owns',
    tags,
    query: PageQuery,
    responses: { 200: { description: 'A page', schema: page(InspectionItem, 'InspectionItemPage') }, ...readErrors },
  }),
  updateInspectionItem: contract({
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
};
