import { CaseClosed, CaseTerminated, CaseTransferred, RegistrationDeclined } from '#events/cases/case-events.v1';
import { InspectionCompleted } from '#events/inspections/inspection-events.v1';
import { AnyStoredEvent } from '#records/schemas';
import { eventConsumer } from '#shared/consumer-handler';
import { logger } from '#shared/powertools';
import { isCaseClue, isTargetedInspection } from '../domain/disposal-ids.ts';
import { sweepEscalations } from '../domain/escalation-sweep.ts';
import { caseFeedback, inspectionFeedback, receiveFeedback } from '../domain/feedback.ts';
import { sweepPersonnel } from '../domain/personnel-sweep.ts';
import { observeEvent } from '../domain/raise.ts';
import { rulesOf, wired } from './wiring.ts';

/**
 * Rule `alert-rules`: every event a rule can watch goes through the agency's rules. Redelivery and any order are
 * harmless: each watch observes a fact once and never has two open alerts.
 */
export const alertRules = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  const deps = await wired();
  const agency = event.agency ?? event.actor.agency;
  const raised = await observeEvent(deps, rulesOf(deps), { ...event, agency });
  if (raised.length > 0) logger.info('alerts raised', { raised, source: `${event.stream}#${event.seq}` });
});

const CASE_ENDS: readonly string[] = [CaseClosed, CaseTerminated, RegistrationDeclined, CaseTransferred].map((d) => d.DETAIL_TYPE);

/** Rule `alert-feedback`: a targeted inspection completed, or a case an alert opened ended: the alert's feedback. */
export const alertFeedback = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  // The stream says whether an alert ordered it; only those are read.
  const inspection = event.type === InspectionCompleted.DETAIL_TYPE && isTargetedInspection(event.stream);
  const clue = CASE_ENDS.includes(event.type) && isCaseClue(event.stream);
  if (!inspection && !clue) return;
  const deps = await wired();
  const feedback = inspection ? await inspectionFeedback(deps, event) : await caseFeedback(deps, event);
  if (feedback !== undefined) await receiveFeedback(deps, feedback);
});

/** Schedule `alert-escalation-sweep`, daily: overdue steps escalate (督办), each step and level once. */
export const alertEscalationSweep = async () => {
  const totals = await sweepEscalations(await wired());
  logger.info('alert escalation sweep', totals);
};

/** Schedule `alert-personnel-sweep`, hourly: each person's reads of the last whole hours through the personnel rules (人员风险). */
export const alertPersonnelSweep = async () => {
  const deps = await wired();
  const totals = await sweepPersonnel(deps, rulesOf(deps));
  logger.info('alert personnel sweep', { counted: totals.counted, raised: totals.raised.length });
};
