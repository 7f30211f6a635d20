import { AlertDisposed } from '#events/alerts/alert-events.v1';
import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import { RepairGranted } from '#events/credit/credit-events.v1';
import { CaseClueRaised } from '#events/inspections/inspection-events.v1';
import { eventConsumer } from '#shared/consumer-handler';
import { openFromAlert, openFromInspection } from '../domain/case-commands.ts';
import { publishDecision, sweepClocks, withdrawForRepair, withdrawIfRevoked } from '../domain/workflows.ts';
import { wired } from './wiring.ts';

/** Rule `case-publicity`: a decision other than a warning is published, masked, once (DESIGN §6 一公开). */
export const casePublicity = eventConsumer(PenaltyDecided, async (event) => {
  await publishDecision(await wired(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Rule `case-withdrawals`: a revoked decision leaves the public list at once. */
export const caseWithdrawals = eventConsumer(DecisionRevoked, async (event) => {
  await withdrawIfRevoked(await wired(), event.stream.replace(/^case\//, ''), event.correlationId);
});

/** Schedule `case-clock-sweep`, daily: near and passed deadlines, publications past their period. */
export const caseClockSweep = async () => sweepClocks(await wired());

/** Rule `case-clues`: a non-compliant inspection opens a case in the clue state, once (its id follows the inspection). */
export const caseClues = eventConsumer(CaseClueRaised, async (event) => {
  const clue = { agency: event.agency, occurredAt: event.occurredAt, ...event.data };
  await openFromInspection(await wired(), clue, event.correlationId);
});

/** Rule `case-repairs`: a granted credit repair ends its decision's publication at once. */
export const caseRepairs = eventConsumer(RepairGranted, async (event) => {
  const repair = { caseId: event.data.caseId, on: event.data.on, repairStream: event.stream };
  await withdrawForRepair(await wired(), repair, event.correlationId);
});

/** Rule `alert-case-clues`: an alert disposed of by a case clue opens that case, with the alert as its source, once. */
export const alertCaseClues = eventConsumer(AlertDisposed, async (event) => {
  const { alertId, disposal, on } = event.data;
  if (disposal.kind !== 'case-clue') return;
  const clue = { agency: event.agency, caseId: disposal.caseId, alertId, entity: disposal.entity, summary: disposal.summary, on };
  await openFromAlert(await wired(), clue, event.correlationId);
});
