import * as z from 'zod';
import { agencyCode } from '#events/directory/values';

/** Schemas every context's HTTP contracts share: pages, cursors, problem details. */
export const limit = z.coerce.number().int().min(1).max(100).default(20);
export const cursor = z.string().min(1).max(2048).optional();

export const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), cursor: z.string().optional() }).meta({ id });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  // RFC 9457 extension members (expectedVersion and currentVersion of a version conflict, pending, limit, …).
  .loose()
  .meta({ id: 'Problem' });

export const problem = (description: string) => ({ description, schema: Problem });
export const readErrors = {
  400: problem('Invalid query, path or cursor'),
  401: problem('No or bad token'),
  403: problem('Role not allowed'),
  503: problem('The table is not answering (unavailable) or the request ran out of time (timeout); retry after Retry-After'),
};
/** What a public route may answer besides its own: bad input, its rate limit, the table not answering. */
export const publicErrors = {
  400: problem('Invalid query, path or cursor'),
  429: problem('Rate limited'),
  503: readErrors[503],
};
export const writeErrors = {
  ...readErrors,
  413: problem('Body over the limit'),
  415: problem('Wrong content type'),
  409: problem('A request with this Idempotency-Key is still in progress (request-in-progress), or the record changed'),
  422: problem('Idempotency-Key reused with another body'),
};

/**
 * An agency whose figures an auditor reads (another of their jurisdiction, its records inside the jurisdiction
 * counted); the caller's own by default, and anyone else's answers 404.
 */
export const auditedAgency = () => agencyCode.optional().describe('auditors: another agency of the jurisdiction (default the caller’s)');

/** The query of a metrics route: a period of days, a region (a division-code prefix), and for auditors an agency. */
export const metricsQuery = () =>
  z.strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    region: z
      .string()
      .regex(/^\d{1,6}$/)
      .optional()
      .describe('a prefix of the 6-digit division code'),
    agency: auditedAgency(),
  });

/**
 * A page of a list computed whole and cut in order (metrics' records): how many, and the cursor the previous page
 * gave (its position).
 */
export const positionPage = (max: number, byDefault: number) => ({
  limit: z.coerce.number().int().min(1).max(max).default(byDefault),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/, 'a cursor from the previous page')
    .optional(),
});
