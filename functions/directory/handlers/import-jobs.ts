import type { Context } from 'aws-lambda';
import { ImportHandedOver } from '#events/directory/import-handed-over.v1';
import { ImportRequested } from '#events/directory/import-requested.v1';
import { eventConsumer } from '#shared/consumer-handler';
import { timeBudget } from '#shared/time-budget';
import { continueImport } from '../domain/entity-import.ts';
import { wired } from './wiring.ts';

const run = async (detail: { agency: string; data: { jobId: string } }, context: Context) => {
  await continueImport(wired(), { agency: detail.agency, jobId: detail.data.jobId }, timeBudget(context));
};

/** Rule `entity-imports`: a requested import starts, and a handed-over one continues, in this invocation. */
export const importRequested = eventConsumer(ImportRequested, (detail, _envelope, context) => run(detail, context));
export const importHandedOver = eventConsumer(ImportHandedOver, (detail, _envelope, context) => run(detail, context));
