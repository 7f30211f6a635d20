import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { logger, metrics } from './powertools.ts';

/**
 * An EventBridge consumer: the envelope and the detail are parsed strictly (STYLE §4); the correlation id
 * of the event is carried into the logs. Delivery is at-least-once, so `handle` must be idempotent.
 */
/**
 * The EventBridge envelope, field for field as Powertools' `EventBridgeSchema` declares it. Declared here because
 * that module imports zod as `{ z }`, which keeps all 64 of zod's locales in the bundle (about 350 KiB); the
 * namespace import lets esbuild drop them (bench/README.md, function bundles).
 */
const eventBridgeEnvelope = <D extends z.ZodType>(detail: D) =>
  z.object({
    version: z.string(),
    id: z.string(),
    source: z.string(),
    account: z.string(),
    time: z.iso.datetime({ offset: true }),
    region: z.string(),
    resources: z.array(z.string()),
    'detail-type': z.string(),
    detail,
    'replay-name': z.string().optional(),
  });

/**
 * `events.detail` is read, and the envelope's schema built, at the first delivery rather than at module load: a
 * function exports every consumer it has, and each Lambda (or local invocation) runs only one of them.
 */
export function eventConsumer<D extends z.ZodType>(
  events: { readonly detail: D },
  handle: (detail: z.infer<D>, envelope: { id: string; source: string; detailType: string }, context: Context) => Promise<void>,
) {
  let schema: ReturnType<typeof eventBridgeEnvelope<D>> | undefined;
  const chain = middy(async (parsed: z.infer<ReturnType<typeof eventBridgeEnvelope<D>>>, context: Context) => {
    const event = parsed as unknown as { id: string; source: string; 'detail-type': string; detail: z.infer<D> };
    const data = event.detail as { correlationId?: string };
    if (typeof data.correlationId === 'string') logger.appendKeys({ correlationId: data.correlationId });
    await handle(event.detail, { id: event.id, source: event.source, detailType: event['detail-type'] }, context);
    metrics.addMetric('EventsConsumed', 'Count', 1);
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use({
      before: (request) => {
        // Strict like the Powertools parser middleware: a malformed delivery throws, so it is retried and then dead-lettered.
        schema ??= eventBridgeEnvelope(events.detail);
        request.event = schema.parse(request.event) as never;
      },
    });
  return chain;
}
