import type { Context } from 'aws-lambda';
import { ObjectionDecided, ReclassificationHandedOver } from '#events/credit/credit-events.v1';
import { AnyStoredEvent } from '#records/schemas';
import { eventConsumer } from '#shared/consumer-handler';
import { logger } from '#shared/powertools';
import { timeBudget } from '#shared/time-budget';
import { isReclassificationDay, reclassifyEntity } from '../domain/classification-commands.ts';
import { sweepCreditClocks } from '../domain/clock-sweep.ts';
import { runReclassification } from '../domain/monthly-run.ts';
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
 * Schedule `credit-monthly-reclassification`, daily: on the first day of each month (China Standard Time) the month's
 * run starts (every classified entity of every agency, as of that day); on the other days nothing.
 */
export const creditMonthly = async (_event: unknown, context: Context) => {
  const deps = await wired();
  const today = deps.today();
  if (!isReclassificationDay(today)) return;
  const run = await runReclassification(deps, { month: today.slice(0, 7), timeIsUp: timeBudget(context) });
  if (run !== undefined) logger.info('monthly re-classification', { ...run });
};

/** Rule `credit-reclassification-handed-over`: the month's run continues where the last invocation stopped. */
export const creditReclassificationHandedOver = eventConsumer(ReclassificationHandedOver, async (event, _envelope, context) => {
  const resume = { cursor: event.data.cursor, totals: event.data.totals, version: event.seq };
  const run = await runReclassification(await wired(), { month: event.data.month, timeIsUp: timeBudget(context), resume });
  if (run !== undefined) logger.info('monthly re-classification', { ...run });
});

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
