/** Domain errors that the HTTP layer maps to a status. Contexts throw these; they never build responses. */
export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} does not exist`);
  }
}

export class VersionConflictError extends Error {
  constructor(
    readonly expectedVersion: number,
    readonly currentVersion: number,
    /** The stream's head as the store found it, when it could tell (saves the caller a read before retrying). */
    readonly head?: { stream: string; version: number; lastHash: string; state?: unknown; agency?: string; updatedAt?: string },
  ) {
    super(`expected version ${expectedVersion}, current ${currentVersion}`);
  }
}

/** An append's side item (written only if absent) exists already: e.g. an ingested event's (source, id) marker. */
export class SideItemExistsError extends Error {
  constructor(readonly keys: readonly { pk: string; sk: string }[]) {
    super(`already present: ${keys.map((k) => `${k.pk} ${k.sk}`).join(', ')}`);
  }
}

export class AlreadyExistsError extends Error {
  constructor(readonly what: string) {
    super(`${what} already exists`);
  }
}

export class BadCursorError extends Error {
  constructor() {
    super('bad cursor');
  }
}

/** A rule of the domain refuses the request as given (400), naming the field. */
export class RuleViolationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The caller may see the record but not do this to it (403). */
export class ForbiddenError extends Error {}

/** The record's state does not allow this command (409). */
export class StateConflictError extends Error {
  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** What a command would record does not fit one DynamoDB item (400 KB) or one transaction (4 MB): refused whole (422). */
export class RecordTooLargeError extends Error {
  constructor(
    readonly stream: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${stream} would hold ${bytes} bytes in one item; the limit is ${limit}`);
  }
}

/** An export larger than one response can carry (a Lambda response holds 6 MB): refused whole, never cut short (422). */
export class ExportTooLargeError extends Error {
  constructor(
    readonly events: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`the export of ${events} events is ${bytes} bytes; the limit is ${limit}`);
  }
}
