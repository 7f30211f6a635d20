import type { Context } from 'aws-lambda';
import { ImportHandedOver } from '#events/directory/import-handed-over.v1';
import { ImportRequested } from '#events/directory/import-requested.v1';
import { eventConsumer } from '#shared/consumer-handler';
import { continueImport } from '../domain/entity-import.ts';
import { wired } from './wiring.ts';

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

const run = async (detail: { agency: string; data: { jobId: string } }, context: Context) => {
  await continueImport(wired(), { agency: detail.agency, jobId: detail.data.jobId }, timeBudget(context));
};

/** Rule `entity-imports`: a requested import starts, and a handed-over one continues, in this invocation. */
export const importRequested = eventConsumer(ImportRequested, (detail, _envelope, context) => run(detail, context));
export const importHandedOver = eventConsumer(ImportHandedOver, (detail, _envelope, context) => run(detail, context));
