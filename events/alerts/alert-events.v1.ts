/** The alerts context's events (风险预警), one file per group beside this one; this module lists them. */
import { AlertRaised } from './alert-raised.v1.ts';
import {
  AlertAcknowledged,
  AlertClosed,
  AlertDismissed,
  AlertDisposed,
  AlertReopened,
  AlertVerified,
  Escalated,
  FeedbackReceived,
} from './alert-steps.v1.ts';
import { FactObserved } from './fact-observed.v1.ts';
import { RuleVersioned } from './rule-versioned.v1.ts';

export {
  AlertAcknowledged,
  AlertClosed,
  AlertDismissed,
  AlertDisposed,
  AlertRaised,
  AlertReopened,
  AlertVerified,
  Escalated,
  FactObserved,
  FeedbackReceived,
  RuleVersioned,
};
/** The events of an alert's own stream, in the order of its loop. */
export const alertStreamEvents = [
  AlertRaised,
  AlertAcknowledged,
  AlertVerified,
  AlertDisposed,
  FeedbackReceived,
  AlertClosed,
  AlertDismissed,
  AlertReopened,
  Escalated,
] as const;
export const alertEvents = [RuleVersioned, FactObserved, ...alertStreamEvents] as const;
