import { IdempotencyAlreadyInProgressError, IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import {
  AlreadyExistsError,
  BadCursorError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  StateConflictError,
  VersionConflictError,
} from './errors.ts';
import { Problem, problems } from './problem.ts';

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
  if (error instanceof IdempotencyValidationError) return problems.idempotencyKeyReused();
  if (error instanceof IdempotencyAlreadyInProgressError) return problems.requestInProgress();
  return problems.internal();
}
