import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import pLimit from 'p-limit';
import { recordedEventFrom } from '#records/domain/recorded-event';
import { logger, metrics } from '#shared/powertools';
import { untilDone } from '#shared/retry';
import { type BusEntry, toEntry } from './domain/to-entries.ts';

const PUT_EVENTS_MAX = 10;
/** PutEvents calls in flight at once: a stream batch of 100 records is 10 calls. */
const PUT_CONCURRENCY = 10;
const ATTEMPTS = 3;
let client: EventBridgeClient | undefined;
const bus = () => {
  client ??= new EventBridgeClient({ maxAttempts: 3 });
  return client;
};

/**
 * The outbox publisher on the table stream (DESIGN §4): every new event item becomes one bus entry. Entries go in
 * PutEvents calls of 10, the calls side by side (EventBridge keeps no order between entries anyway; bench/README.md,
 * outbox); on failure the batch reports the first unpublished record so Lambda retries from there
 * (ReportBatchItemFailures, bisect on error), and consumers dedupe on stream + seq.
 */
export const publish = (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => publishWith(putEvents, event);

/** One PutEvents call: for each entry, whether the bus refused it. */
export type PutEntries = (entries: BusEntry[]) => Promise<{ refused: boolean }[]>;
const putEvents: PutEntries = async (entries) => {
  const result = await bus().send(new PutEventsCommand({ Entries: entries }));
  return entries.map((_, i) => ({ refused: result.Entries?.[i]?.ErrorCode !== undefined }));
};

/** The publisher over any PutEvents (the unit tier gives it a failing one). */
export async function publishWith(put: PutEntries, event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const busName = process.env.EVENT_BUS_NAME ?? 'regulator';
  metrics.addMetric('StreamRecordsSeen', 'Count', event.Records.length);
  const pending: { sequence: string; entry: BusEntry }[] = [];
  // A damaged event item stops the batch there: what comes before it is published, it and what follows are retried
  // (and after the retries go to the on-failure destination), never skipped.
  let damaged: string | undefined;
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || image?.kind?.S !== 'event' || image.event?.S === undefined) continue;
    const stored = recordedEventFrom(image.event.S);
    if (stored === undefined) {
      damaged = record.dynamodb?.SequenceNumber ?? '';
      break;
    }
    pending.push({
      sequence: record.dynamodb?.SequenceNumber ?? '',
      entry: toEntry(stored, image.agency?.S ?? stored.actor.agency, busName),
    });
  }
  const limit = pLimit(PUT_CONCURRENCY);
  const starts = Array.from({ length: Math.ceil(pending.length / PUT_EVENTS_MAX) }, (_, i) => i * PUT_EVENTS_MAX);
  const failures = await Promise.all(
    starts.map((start) =>
      limit(async () => {
        const batch = pending.slice(start, start + PUT_EVENTS_MAX);
        const failedAt = await putWithRetries(
          put,
          batch.map((p) => p.entry),
        );
        if (failedAt === undefined) metrics.addMetric('EventsPublished', 'Count', batch.length);
        return failedAt === undefined ? undefined : start + failedAt;
      }),
    ),
  );
  const firstFailed = Math.min(...failures.filter((f) => f !== undefined));
  if (Number.isFinite(firstFailed)) {
    const first = pending[firstFailed];
    logger.error('publishing failed; the batch is retried from the first unpublished record', { sequence: first?.sequence });
    metrics.addMetric('OutboxPublishFailures', 'Count', 1);
    return { batchItemFailures: [{ itemIdentifier: first?.sequence ?? '' }] };
  }
  if (damaged !== undefined) {
    logger.error('a stream record is not a recorded event; the batch is retried from it', { sequence: damaged });
    metrics.addMetric('OutboxPublishFailures', 'Count', 1);
    return { batchItemFailures: [{ itemIdentifier: damaged }] };
  }
  return { batchItemFailures: [] };
}

/** Returns the index of the first entry that could not be published, if any. */
async function putWithRetries(put: PutEntries, entries: BusEntry[]): Promise<number | undefined> {
  const left = await untilDone(
    entries.map((entry, index) => ({ entry, index })),
    async (remaining, attempt) => {
      try {
        const result = await put(remaining.map((r) => r.entry));
        return remaining.filter((_, i) => result[i]?.refused !== false);
      } catch (error) {
        logger.warn('PutEvents failed', { attempt, error: error as Error });
        return remaining;
      }
    },
    { attempts: ATTEMPTS, firstPauseMs: 200 },
  );
  return left.length === 0 ? undefined : Math.min(...left.map((r) => r.index));
}

export const handler = middy(publish)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics));
