/**
 * The penalty case's events (行政处罚), one file per type and version beside this one; this module lists them (the
 * registry and the consumers import from here) and re-exports the shapes other modules use.
 */

import { AppealRecorded } from './appeal-recorded.v1.ts';
import { AppraisalEnded } from './appraisal-ended.v1.ts';
import { AppraisalStarted } from './appraisal-started.v1.ts';
import { CaseClosed } from './case-closed.v1.ts';
import { CaseOpened } from './case-opened.v1.ts';
import { CaseRegistered } from './case-registered.v1.ts';
import { CaseTerminated } from './case-terminated.v1.ts';
import { CaseTransferred } from './case-transferred.v1.ts';
import { CourtEnforcementApplied } from './court-enforcement-applied.v1.ts';
import { DeadlineApproaching } from './deadline-approaching.v1.ts';
import { DeadlineExtended } from './deadline-extended.v1.ts';
import { DeadlinePassed } from './deadline-passed.v1.ts';
import { DecisionPublished } from './decision-published.v1.ts';
import { DecisionRevoked } from './decision-revoked.v1.ts';
import { DecisionServed } from './decision-served.v1.ts';
import { DecisionTakenDown } from './decision-taken-down.v1.ts';
import { DecisionWithdrawn } from './decision-withdrawn.v1.ts';
import { FlaggedComplex } from './flagged-complex.v1.ts';
import { HearingHeld } from './hearing-held.v1.ts';
import { HearingRequested } from './hearing-requested.v1.ts';
import { InstalmentsApproved } from './instalments-approved.v1.ts';
import { InvestigationStarted } from './investigation-started.v1.ts';
import { LegalReviewed } from './legal-reviewed.v1.ts';
import { MeasureApprovalOverdue } from './measure-approval-overdue.v1.ts';
import { MeasureApproved } from './measure-approved.v1.ts';
import { MeasureDeadlineApproaching } from './measure-deadline-approaching.v1.ts';
import { MeasureExtended } from './measure-extended.v1.ts';
import { MeasureOverdue } from './measure-overdue.v1.ts';
import { MeasureReleased } from './measure-released.v1.ts';
import { MeasureTaken } from './measure-taken.v1.ts';
import { PaymentOverdue } from './payment-overdue.v1.ts';
import { PaymentRecorded } from './payment-recorded.v1.ts';
import { PaymentReminded } from './payment-reminded.v1.ts';
import { PenaltyDecided } from './penalty-decided.v1.ts';
import { PenaltyNotified } from './penalty-notified.v1.ts';
import { RegistrationDeclined } from './registration-declined.v1.ts';
import { StatementRecorded } from './statement-recorded.v1.ts';
import { SubmittedForReview } from './submitted-for-review.v1.ts';
import { TransferReceived } from './transfer-received.v1.ts';

export { documentNumber, MEASURE_KINDS, measureItem, penalty } from './values.ts';
export {
  AppealRecorded,
  AppraisalEnded,
  AppraisalStarted,
  CaseClosed,
  CaseOpened,
  CaseRegistered,
  CaseTerminated,
  CaseTransferred,
  CourtEnforcementApplied,
  DeadlineApproaching,
  DeadlineExtended,
  DeadlinePassed,
  DecisionPublished,
  DecisionRevoked,
  DecisionServed,
  DecisionTakenDown,
  DecisionWithdrawn,
  FlaggedComplex,
  HearingHeld,
  HearingRequested,
  InstalmentsApproved,
  InvestigationStarted,
  LegalReviewed,
  MeasureApprovalOverdue,
  MeasureApproved,
  MeasureDeadlineApproaching,
  MeasureExtended,
  MeasureOverdue,
  MeasureReleased,
  MeasureTaken,
  PaymentOverdue,
  PaymentRecorded,
  PaymentReminded,
  PenaltyDecided,
  PenaltyNotified,
  RegistrationDeclined,
  StatementRecorded,
  SubmittedForReview,
  TransferReceived,
};

export const caseEvents = [
  CaseOpened,
  CaseRegistered,
  RegistrationDeclined,
  InvestigationStarted,
  PenaltyNotified,
  StatementRecorded,
  HearingRequested,
  HearingHeld,
  SubmittedForReview,
  LegalReviewed,
  DeadlineExtended,
  PenaltyDecided,
  DecisionServed,
  PaymentRecorded,
  CaseClosed,
  CaseTerminated,
  CaseTransferred,
  AppraisalStarted,
  AppraisalEnded,
  DecisionRevoked,
  DeadlineApproaching,
  DeadlinePassed,
  PaymentOverdue,
  DecisionPublished,
  DecisionWithdrawn,
  DecisionTakenDown,
  FlaggedComplex,
  MeasureTaken,
  MeasureApproved,
  MeasureExtended,
  MeasureReleased,
  MeasureDeadlineApproaching,
  MeasureOverdue,
  MeasureApprovalOverdue,
  InstalmentsApproved,
  PaymentReminded,
  AppealRecorded,
  CourtEnforcementApplied,
  TransferReceived,
] as const;
