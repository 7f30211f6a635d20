import { z } from 'zod';
import { InspectionAssigned } from '#events/inspections/inspection-assigned.v1';
import { contract } from '#shared/http-contract';
import { cursor, limit, page, readErrors } from '#shared/http-schemas';

const WorklistEntry = InspectionAssigned.data.extend({ status: z.enum(['assigned']) }).meta({ id: 'WorklistEntry' });

export const contracts = {
  worklist: contract({
    summary: 'The caller’s assigned inspections, by planned date',
    tags: ['inspections'],
    query: z.strictObject({ limit, cursor }),
    responses: { 200: { description: 'A page', schema: page(WorklistEntry, 'Worklist') }, ...readErrors },
  }),
};
