import type * as z from 'zod';
import {
  AlertAcknowledged,
  AlertClosed,
  AlertDismissed,
  AlertDisposed,
  AlertRaised,
  AlertReopened,
  AlertVerified,
  alertStreamEvents,
  Escalated,
  FeedbackReceived,
} from '#events/alerts/alert-events.v1';
import type { TimedStep } from '#events/alerts/values';
import { type EventDefinition, eventOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { ForbiddenError, NotFoundError, StateConflictError } from '#shared/errors';

type Raised = z.output<typeof AlertRaised.data>;
export type Disposal = z.output<typeof AlertDisposed.data>['disposal'];
export type EscalationData = z.output<typeof Escalated.data>;

export const ALERT_STATUSES = ['raised', 'acknowledged', 'verified', 'disposed', 'closed', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const isOpen = (status: AlertStatus) => status !== 'closed' && status !== 'dismissed';

interface Done {
  on: string;
  at: string;
  by: string;
}

/** An alert as its events make it (the head caches it; the events are the record). */
export interface AlertState {
  alertId: string;
  agency: string;
  rule: Raised['rule'];
  subject: Raised['subject'];
  region: string;
  entity?: string;
  facts: Raised['facts'];
  status: AlertStatus;
  raisedOn: string;
  raisedAt: string;
  /** 1, and one more at each reopening: escalations are once per cycle, step and level. */
  cycle: number;
  /** The day the step now awaited began (raised, reopened, or the step before it was done). */
  stepSince: string;
  acknowledged?: Done & { note: string };
  /** The first acknowledgement, kept across reopenings (the metrics' time to acknowledge). */
  firstAcknowledged?: Done;
  verified?: Done & { finding: string };
  disposed?: Done & { disposal: Disposal };
  disposals: number;
  feedback: (z.output<typeof FeedbackReceived.data> & { at: string })[];
  closed?: Done & { feedback: string };
  dismissed?: Done & { reason: string };
  reopened: (Done & { reason: string })[];
  escalations: (EscalationData & { cycle: number })[];
}

/** The step each status waits for, with its deadline (闭环: 签收 → 核查 → 处置 → 办结). */
export const AWAITED: Readonly<Partial<Record<AlertStatus, TimedStep>>> = {
  raised: 'acknowledge',
  acknowledged: 'verify',
  verified: 'dispose',
  disposed: 'close',
};

export const ALERT_COMMANDS = ['acknowledge', 'verify', 'dispose', 'close', 'dismiss', 'reopen'] as const;
export type AlertCommand = (typeof ALERT_COMMANDS)[number];

/** Who may give a step: the rule's handling role (`handler`), and the escalation levels above it. */
type StepRoles = readonly ('handler' | 'supervisor' | 'admin')[];
interface Step {
  from: readonly AlertStatus[];
  to: AlertStatus;
  roles: StepRoles;
  event: EventDefinition;
}

/** The loop as a table (STYLE §13): the states each step starts from, where it leads, and who gives it. */
export const ALERT_STEPS: Readonly<Record<AlertCommand, Step>> = {
  acknowledge: { from: ['raised'], to: 'acknowledged', roles: ['handler', 'supervisor', 'admin'], event: AlertAcknowledged },
  verify: { from: ['acknowledged'], to: 'verified', roles: ['handler', 'supervisor', 'admin'], event: AlertVerified },
  dispose: { from: ['verified'], to: 'disposed', roles: ['handler', 'supervisor', 'admin'], event: AlertDisposed },
  close: { from: ['disposed'], to: 'closed', roles: ['handler', 'supervisor', 'admin'], event: AlertClosed },
  dismiss: { from: ['raised', 'acknowledged', 'verified'], to: 'dismissed', roles: ['supervisor', 'admin'], event: AlertDismissed },
  reopen: { from: ['closed', 'dismissed'], to: 'raised', roles: ['supervisor', 'admin'], event: AlertReopened },
};

const rolesOf = (state: AlertState, step: Step): string[] => [...new Set(step.roles.map((r) => (r === 'handler' ? state.rule.role : r)))];

/** The steps a role may give now, in the order of the loop. */
export function allowedSteps(state: AlertState, role?: string): AlertCommand[] {
  return ALERT_COMMANDS.filter(
    (c) => ALERT_STEPS[c].from.includes(state.status) && (role === undefined || rolesOf(state, ALERT_STEPS[c]).includes(role)),
  );
}

/** A step given out of order (409 with the steps allowed now), or by a role that does not give it (403). */
export function assertStep(state: AlertState, command: AlertCommand, role: string): void {
  const step = ALERT_STEPS[command];
  if (!step.from.includes(state.status)) {
    const allowed = allowedSteps(state);
    throw new StateConflictError(
      `An alert that is ${state.status} cannot take '${command}'; the steps now are: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
      { state: state.status, allowed },
    );
  }
  const roles = rolesOf(state, step);
  if (!roles.includes(role)) throw new ForbiddenError(`'${command}' on this alert is given by ${roles.join(' or ')}.`);
}

/** An alert about a person (人员风险) is never shown to that person: for them it does not exist. */
export function assertVisibleTo(state: AlertState, reader: { id: string }): void {
  if (state.subject.kind === 'person' && state.subject.id === reader.id) throw new NotFoundError(`Alert ${state.alertId}`);
}

interface AlertEvent {
  type: string;
  data: unknown;
  occurredAt?: string;
  actor?: { id: string };
}

/** The alert after one of its events. */
export function evolveAlert(state: AlertState | undefined, raw: AlertEvent, agency: string): AlertState {
  const event = eventOf(alertStreamEvents, raw);
  const at = raw.occurredAt ?? '';
  const by = raw.actor?.id ?? '';
  if (event.type === AlertRaised.DETAIL_TYPE) return raisedState(event.data, agency, at);
  if (state === undefined) throw new Error(`An alert stream must start with ${AlertRaised.DETAIL_TYPE}, not ${event.type}`);
  switch (event.type) {
    case AlertAcknowledged.DETAIL_TYPE: {
      const done = { on: event.data.on, at, by };
      return {
        ...state,
        status: 'acknowledged',
        stepSince: done.on,
        acknowledged: { ...done, note: event.data.note },
        firstAcknowledged: state.firstAcknowledged ?? done,
      };
    }
    case AlertVerified.DETAIL_TYPE:
      return {
        ...state,
        status: 'verified',
        stepSince: event.data.on,
        verified: { on: event.data.on, at, by, finding: event.data.finding },
      };
    case AlertDisposed.DETAIL_TYPE:
      return {
        ...state,
        status: 'disposed',
        stepSince: event.data.on,
        disposed: { on: event.data.on, at, by, disposal: event.data.disposal },
        disposals: state.disposals + 1,
      };
    case FeedbackReceived.DETAIL_TYPE:
      return { ...state, feedback: [...state.feedback, { ...event.data, at }] };
    case AlertClosed.DETAIL_TYPE:
      return { ...state, status: 'closed', closed: { on: event.data.on, at, by, feedback: event.data.feedback } };
    case AlertDismissed.DETAIL_TYPE:
      return { ...state, status: 'dismissed', dismissed: { on: event.data.on, at, by, reason: event.data.reason } };
    case AlertReopened.DETAIL_TYPE: {
      const { acknowledged: _a, verified: _v, disposed: _d, closed: _c, dismissed: _x, ...rest } = state;
      const reopened = [...state.reopened, { on: event.data.on, at, by, reason: event.data.reason }];
      return { ...rest, status: 'raised', stepSince: event.data.on, cycle: state.cycle + 1, reopened };
    }
    case Escalated.DETAIL_TYPE:
      return { ...state, escalations: [...state.escalations, { ...event.data, cycle: state.cycle }] };
    default:
      return state;
  }
}

function raisedState(data: Raised, agency: string, at: string): AlertState {
  return {
    alertId: data.alertId,
    agency,
    rule: data.rule,
    subject: data.subject,
    region: data.region,
    ...(data.entity === undefined ? {} : { entity: data.entity }),
    facts: data.facts,
    status: 'raised',
    raisedOn: data.on,
    raisedAt: at || `${data.on}T00:00:00.000Z`,
    cycle: 1,
    stepSince: data.on,
    disposals: 0,
    feedback: [],
    reopened: [],
    escalations: [],
  };
}

/** The state after new events, as the actor `by` gives them now (`at`). */
export function withAlertEvents(
  state: AlertState | undefined,
  events: readonly NewEvent[],
  agency: string,
  at: string,
  by: string,
): AlertState {
  let next = state;
  for (const e of events) next = evolveAlert(next, { ...e, occurredAt: e.occurredAt ?? at, actor: { id: by } }, agency);
  if (next === undefined) throw new Error('no events');
  return next;
}

/** Events as recorded at `at`: the same instant in the head's fold and on the stored events (a refold agrees). */
export const stamped = (events: readonly NewEvent[], at: string): NewEvent[] =>
  events.map((e) => ({ ...e, occurredAt: e.occurredAt ?? at }));

export const newAlertEvent = <D extends z.ZodType>(definition: EventDefinition<D>, data: z.output<D>): NewEvent => ({
  type: definition.DETAIL_TYPE,
  version: definition.VERSION,
  data: data as Record<string, unknown>,
});
