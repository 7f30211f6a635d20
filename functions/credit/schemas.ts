import * as z from 'zod';
import { usccFormat } from '#events/directory/values';
import { contract, lazyContracts } from '#shared/http-contract';
import { problem, readErrors } from '#shared/http-schemas';

const creditClass = z.enum(['A', 'B', 'C', 'D']);
const source = z.object({ stream: z.string(), seq: z.number().int(), type: z.string() });

export const contracts = lazyContracts({
  profile: () =>
    contract({
      summary: 'An entity’s credit profile: score (0–1000), class, and every factor with its source event, rule, article and decay',
      description:
        'Computed from the agency’s inspections and cases of the entity and what other departments reported about it (跨部门), each fact judged by the rules in force on its day (credit-v1). Classes: A ≥ 900, B ≥ 750, C ≥ 600, else D (国市监信发〔2022〕6号).',
      tags: ['credit'],
      params: z.strictObject({ uscc: usccFormat }),
      query: z.strictObject({ asOf: z.iso.date().optional().describe('the profile as of this day (China Standard Time); default today') }),
      responses: {
        200: {
          description: 'The profile',
          schema: z
            .object({
              uscc: z.string(),
              asOf: z.iso.date(),
              score: z.number().int().min(0).max(1000),
              scoreClass: creditClass.describe('the class the score gives, before the lists cap it'),
              class: creditClass,
              capped: z.object({ by: z.enum(['abnormal', 'serious']), listing: z.string(), basis: z.string() }).optional(),
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
                }),
              ),
              listings: z.array(z.object({ listing: z.string(), list: z.enum(['abnormal', 'serious']), since: z.iso.date(), source })),
              rules: z.array(z.string()),
            })
            .meta({ id: 'CreditProfile' }),
        },
        ...readErrors,
        404: problem('Not in the caller’s agency directory'),
      },
    }),
});
