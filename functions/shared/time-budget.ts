import type { Context } from 'aws-lambda';

/**
 * The invocation's budget: it takes no further wave once half of its time is gone, or when less than three times
 * its slowest wave remains, so a slow machine or a slow table never brings it near the function's timeout.
 */
export function timeBudget(context: Pick<Context, 'getRemainingTimeInMillis'>, now = () => Date.now()): () => boolean {
  const started = now();
  const total = context.getRemainingTimeInMillis();
  let last = started;
  let slowest = 0;
  return () => {
    const at = now();
    slowest = Math.max(slowest, at - last);
    last = at;
    const remaining = context.getRemainingTimeInMillis();
    return at - started > total / 2 || remaining < 3 * slowest;
  };
}
