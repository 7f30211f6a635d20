import {
  AlreadyExistsError,
  BadCursorError,
  ExportTooLargeError,
  ForbiddenError,
  NotFoundError,
  RecordTooLargeError,
  RuleViolationError,
  StateConflictError,
  VersionConflictError,
} from './errors.ts';
import { OutOfTimeError } from './invocation.ts';
import { Problem, problems } from './problem.ts';
import { StillUnprocessedError } from './retry.ts';

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof NotFoundError) return problems.notFound(error.what);
  if (error instanceof VersionConflictError) return problems.versionConflict(error.expectedVersion, error.currentVersion);
  if (error instanceof AlreadyExistsError) return problems.conflict(`${error.what} already exists.`);
  if (error instanceof BadCursorError) return problems.badCursor();
  if (error instanceof ForbiddenError) return problems.forbidden(error.message);
  if (error instanceof StateConflictError) return problems.conflict(error.message, error.extensions);
  if (error instanceof RuleViolationError) {
    return problems.validation(`${error.field}: ${error.message}`, [{ field: error.field, message: error.message }]);
  }
  if (error instanceof RecordTooLargeError) return problems.recordTooLarge();
  if (error instanceof ExportTooLargeError) return problems.exportTooLarge(error.events, error.bytes, error.limit);
  // By name: Powertools idempotency is loaded with the first keyed write (http-handler.ts), not with this module.
  if (error instanceof Error && error.name === 'IdempotencyValidationError') return problems.idempotencyKeyReused();
  if (error instanceof Error && error.name === 'IdempotencyAlreadyInProgressError') return problems.requestInProgress();
  if (error instanceof OutOfTimeError || isMiddyTimeout(error)) return problems.timeout();
  if (isUnavailable(error) || error instanceof StillUnprocessedError) return problems.unavailable();
  return problems.internal();
}

const isMiddyTimeout = (error: unknown) =>
  error instanceof Error && error.name === 'TimeoutError' && (error.cause as { package?: string } | undefined)?.package === '@middy/core';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalServerError',
  'TimeoutError',
]);

/** The table is not answering, or is throttling, after the SDK's own retries: the caller may retry later (503). */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || !('$metadata' in error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code !== undefined && NETWORK_CODES.has(code)) || RETRYABLE_NAMES.has(error.name);
}
