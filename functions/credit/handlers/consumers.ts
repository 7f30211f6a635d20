import { ObjectionDecided } from '#events/credit/credit-events.v1';
import { AnyStoredEvent } from '#records/schemas';
import { eventConsumer } from '#shared/consumer-handler';
import { logger } from '#shared/powertools';
import { isReclassificationDay, reclassifyEntity, reclassifyMonthly } from '../domain/classification-commands.ts';
import { sweepCreditClocks } from '../domain/clock-sweep.ts';
import { correctUpheldObjection } from '../domain/objection-commands.ts';
import { subjectOf } from '../domain/reclassification-triggers.ts';
import { wired } from './wiring.ts';

/**
 * Rule `credit-reclassify`: an inspection result, a penalty decision or its revocation (the platform's own or
 * another department's), a listing or its removal, or a new national class re-classifies its entity at once.
 * Redelivery is harmless: the class is computed from all the facts, and recorded only when it differs.
 */
export const creditReclassify = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  const deps = await wired();
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
  const deps = await wired();
  if (!isReclassificationDay(deps.today())) return;
  const totals = await reclassifyMonthly(deps, `credit-monthly-${deps.today()}`);
  logger.info('monthly re-classification', totals);
};

/** Schedule `credit-clock-sweep`, daily: the procedures' deadlines near or passed (Credit.DeadlineApproaching/Passed). */
export const creditClockSweep = async () => {
  const totals = await sweepCreditClocks(await wired());
  logger.info('credit clock sweep', totals);
};

/** Rule `credit-objection-outcomes`: an objection upheld against a listing removes the listing. */
export const creditObjectionOutcomes = eventConsumer(ObjectionDecided, async (event) => {
  const decided = { objection: event.stream, agency: event.agency ?? event.actor.agency, ...event.data };
  await correctUpheldObjection(await wired(), decided, event.correlationId);
});
