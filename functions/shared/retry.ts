/** How a retry loop waits: `firstPauseMs` after the first try, doubling each time up to 2^`maxExponent` times it. */
export interface Backoff {
  attempts: number;
  firstPauseMs: number;
  maxExponent?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one retry loop of the platform: works a list down, where each try takes what is left and answers what is still
 * left (the items DynamoDB left unprocessed, the entries PutEvents refused, the transactions a concurrent one
 * cancelled). Between tries it pauses with exponential backoff; after `attempts` tries it answers what is left, and
 * the caller decides whether that is an error.
 */
export async function untilDone<T>(
  items: readonly T[],
  step: (left: readonly T[], attempt: number) => Promise<readonly T[]>,
  backoff: Backoff,
): Promise<readonly T[]> {
  let left = items;
  for (let attempt = 1; left.length > 0 && attempt <= backoff.attempts; attempt += 1) {
    if (attempt > 1) await sleep(backoff.firstPauseMs * 2 ** Math.min(attempt - 2, backoff.maxExponent ?? 6));
    left = await step(left, attempt);
  }
  return left;
}

/** DynamoDB still left items unprocessed after every retry: the table is throttling; the caller may retry later (503). */
export class StillUnprocessedError extends Error {
  constructor(
    readonly what: string,
    readonly left: number,
  ) {
    super(`${what}: ${left} still unprocessed after every retry`);
    this.name = 'StillUnprocessedError';
  }
}
