/**
 * RFC 9457 problem details. `type` is stable per kind of problem; `detail` is written for the caller and
 * never carries an internal message or a stack trace (DESIGN §7).
 */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `flags.0` or `uscc`. */
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that go with the problem (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }

  get type(): string {
    return `/problems/${this.slug}`;
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail === undefined ? {} : { detail: this.detail }),
      ...(instance === undefined ? {} : { instance }),
      ...this.extensions,
    };
  }
}

export const problems = {
  validation: (detail: string, errors: FieldError[]) =>
    new Problem(400, 'validation-error', 'The request is not valid', detail, { errors }),
  malformedJson: (detail: string) => new Problem(400, 'malformed-json', 'The body is not valid JSON', detail),
  badCursor: () =>
    new Problem(400, 'bad-cursor', 'The cursor is not valid', 'Use the cursor exactly as a previous page returned it.', {
      errors: [{ field: 'cursor', message: 'not a cursor this list returned' }],
    }),
  unauthorized: () => new Problem(401, 'unauthorized', 'Authentication is required'),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new Problem(404, 'not-found', 'Not found', `${what} does not exist.`),
  conflict: (detail: string, extensions: Record<string, unknown> = {}) =>
    new Problem(409, 'conflict', 'Conflict with the current state', detail, extensions),
  versionConflict: (expectedVersion: number, currentVersion: number) =>
    new Problem(
      409,
      'version-conflict',
      'The record has changed',
      expectedVersion === currentVersion
        ? 'Another request was changing the record at the same moment. Read it again and retry.'
        : `Expected version ${expectedVersion}, but the current version is ${currentVersion}. Read it again and retry.`,
      { expectedVersion, currentVersion },
    ),
  payloadTooLarge: (limit: number) =>
    new Problem(413, 'payload-too-large', 'The body is too large', `The body must not exceed ${limit} bytes.`, {
      limit,
    }),
  unsupportedMediaType: (allowed: readonly string[]) =>
    new Problem(415, 'unsupported-media-type', 'Unsupported content type', `Send ${allowed.join(' or ')}.`, {
      allowed,
    }),
  unsupportedEncoding: (allowed: readonly string[]) =>
    new Problem(
      415,
      'unsupported-media-type',
      'Unsupported content encoding',
      allowed.length === 0 ? 'Send the body uncompressed.' : `Send the body uncompressed or as ${allowed.join(' or ')}.`,
      { allowed },
    ),
  malformedBody: (detail: string) => new Problem(400, 'malformed-body', 'The body cannot be read', detail),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new Problem(429, 'too-many-requests', 'Too many requests', detail, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) }),
  idempotencyKeyReused: () =>
    new Problem(
      422,
      'idempotency-key-reused',
      'The Idempotency-Key was used with another request',
      'An Idempotency-Key may be reused only with the same body.',
    ),
  requestInProgress: () => new Problem(409, 'request-in-progress', 'A request with this Idempotency-Key is in progress', 'Retry shortly.'),
  exportTooLarge: (events: number, bytes: number, limit: number) =>
    new Problem(
      422,
      'export-too-large',
      'The export is too large for one response',
      `This timeline (${events} events) exports to ${(bytes / 1_048_576).toFixed(1)} MiB, over ${limit / 1_048_576} MiB; read it in pages with format=json (limit ≤ 100, cursor).`,
      { events, bytes, limit },
    ),
  recordTooLarge: () =>
    new Problem(
      422,
      'record-too-large',
      'The record cannot hold this',
      'What this request would record exceeds what one record may hold (400 KB); nothing was changed. Send less (shorter texts, fewer entries).',
    ),
  timeout: () =>
    new Problem(
      503,
      'timeout',
      'The request ran out of time',
      'Nothing was changed. Retry the request; a retry with the same Idempotency-Key is safe.',
      {},
      { 'retry-after': '1' },
    ),
  unavailable: () =>
    new Problem(
      503,
      'unavailable',
      'The service is unavailable',
      'The database is not answering; nothing was changed. Retry after the time in Retry-After.',
      {},
      { 'retry-after': '5' },
    ),
  internal: () => new Problem(500, 'internal-error', 'Internal error', 'The error was logged; quote the correlation id.'),
} as const;
