import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from 'aws-lambda';

/**
 * The time an invocation has left, where deep code needs it (an append deciding whether it may still start a write).
 * Kept per invocation, not per module: the local runtime runs many invocations of one function at once. Node runs
 * with --experimental-async-context-frame (npm start, NODE_OPTIONS in AWS), so this costs no promise hooks.
 */
const current = new AsyncLocalStorage<{ deadline: number; functionName: string }>();

export function withInvocation<T>(
  context: Pick<Context, 'getRemainingTimeInMillis' | 'functionName'> | undefined,
  run: () => Promise<T>,
): Promise<T> {
  const remaining = context?.getRemainingTimeInMillis?.();
  return remaining === undefined
    ? run()
    : current.run({ deadline: Date.now() + remaining, functionName: context?.functionName ?? '' }, run);
}

/** The function this code runs in, as Lambda names it (the local runtime checks each call against its policy). */
export function currentFunctionName(): string | undefined {
  return current.getStore()?.functionName;
}

/** Milliseconds left in the current invocation; Infinity outside one (scripts, tests of the domain). */
export function remainingMs(): number {
  const store = current.getStore();
  return store === undefined ? Number.POSITIVE_INFINITY : store.deadline - Date.now();
}

/** What a write needs left before it starts, so that it ends before the function answers `timeout` (1 s early). */
export const WRITE_MARGIN_MS = 3000;
/** The function answers 503 `timeout` this long before Lambda would stop it. */
export const TIMEOUT_EARLY_MS = 1000;

/** Thrown instead of starting a write that might not finish in time: the caller is told 503 and nothing is written. */
export class OutOfTimeError extends Error {
  constructor() {
    super('the invocation has too little time left to write');
    this.name = 'OutOfTimeError';
  }
}

export function assertTimeToWrite(): void {
  if (remainingMs() < WRITE_MARGIN_MS) throw new OutOfTimeError();
}
