import { AnyStoredEvent } from '#records/schemas';
import { eventConsumer } from '#shared/consumer-handler';
import { logger } from '#shared/powertools';
import { isReclassificationDay, reclassifyEntity, reclassifyMonthly } from '../domain/classification-commands.ts';
import { subjectOf } from '../domain/reclassification-triggers.ts';
import { wired } from './wiring.ts';

/**
 * Rule `credit-reclassify`: an inspection result, a penalty decision or its revocation (the platform's own or
 * another department's), a listing or its removal, or a new national class re-classifies its entity at once.
 * Redelivery is harmless: the class is computed from all the facts, and recorded only when it differs.
 */
export const creditReclassify = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  const deps = wired();
  const subject = await subjectOf(event, deps.reader);
  if (subject === undefined) return;
  await reclassifyEntity(
    deps,
    subject,
    { kind: 'fact', event: { type: event.type, stream: event.stream, seq: event.seq } },
    event.correlationId,
  );
});

/**
 * Schedule `credit-monthly-reclassification`, daily: on the first day of each month (China Standard Time) every
 * classified entity of every agency, as of that day; on the other days nothing.
 */
export const creditMonthly = async () => {
  const deps = wired();
  if (!isReclassificationDay(deps.today())) return;
  const totals = await reclassifyMonthly(deps, `credit-monthly-${deps.today()}`);
  logger.info('monthly re-classification', totals);
};
