import { ObjectionAccepted, ObjectionDecided, ObjectionFiled, ObjectionNotAccepted } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { StateConflictError } from '#shared/errors';
import { type CreditClocks, type CreditDeadline, deadline, meet, swept } from './credit-clocks.ts';

/**
 * Objections (异议, 国市监信规〔2021〕3号 with the publicity rules it refers to): the entity disputes a factor of its
 * profile or a listing (a listing within 30 days of its publication); the agency accepts it within 5 working days,
 * verifies and decides it within 20, and an upheld objection's correction is made with the decision (within 5). While
 * it runs, the factor or listing is marked "异议处理中" on the profile and the public page; publication is not frozen.
 */
export const OBJECTION_BASIS = '国市监信规〔2021〕3号; 市场监督管理信用修复管理办法 (异议处理)';

export type ObjectionTarget = { kind: 'factor'; stream: string; seq: number } | { kind: 'listing'; listing: string };

/** The states in which an objection waits for the agency: to be accepted (受理), then decided. */
export const OBJECTION_WAITING: readonly ObjectionState['status'][] = ['filed', 'accepted'];

export interface ObjectionState {
  objectionId: string;
  agency: string;
  uscc: string;
  target: ObjectionTarget;
  reason: string;
  on: string;
  status: 'filed' | 'accepted' | 'not-accepted' | 'upheld' | 'dismissed';
  deadlines: CreditDeadline[];
  note?: string;
  closedOn?: string;
}

/** The fold of an objection's stream (DESIGN §4). */
export function evolveObjection(state: ObjectionState | undefined, event: { type: string; data: unknown }, agency: string): ObjectionState {
  if (event.type === ObjectionFiled.DETAIL_TYPE) {
    const d = dataOf(ObjectionFiled, event);
    return {
      objectionId: d.objectionId,
      agency,
      uscc: d.uscc,
      target: d.target,
      reason: d.reason,
      on: d.on,
      status: 'filed',
      deadlines: d.deadlines,
    };
  }
  if (state === undefined) throw new Error(`An objection stream must start with ${ObjectionFiled.DETAIL_TYPE}, not ${event.type}`);
  switch (event.type) {
    case ObjectionAccepted.DETAIL_TYPE: {
      const d = dataOf(ObjectionAccepted, event);
      return {
        ...state,
        status: 'accepted',
        note: d.note,
        deadlines: [...meet(state.deadlines, ['accept-objection'], d.on), ...d.deadlines],
      };
    }
    case ObjectionNotAccepted.DETAIL_TYPE: {
      const d = dataOf(ObjectionNotAccepted, event);
      return {
        ...state,
        status: 'not-accepted',
        note: d.note,
        closedOn: d.on,
        deadlines: meet(state.deadlines, ['accept-objection'], d.on),
      };
    }
    case ObjectionDecided.DETAIL_TYPE: {
      const d = dataOf(ObjectionDecided, event);
      return {
        ...state,
        status: d.upheld ? 'upheld' : 'dismissed',
        note: d.note,
        closedOn: d.on,
        deadlines: meet(state.deadlines, ['verify-objection'], d.on),
      };
    }
    default: {
      const deadlines = swept(state.deadlines, event);
      if (deadlines === undefined) throw new Error(`An objection stream holds no ${event.type}`);
      return { ...state, deadlines };
    }
  }
}

const fold = (state: ObjectionState | undefined, events: NewEvent[], agency: string) =>
  events.reduce<ObjectionState | undefined>((s, e) => evolveObjection(s, e, agency), state) as ObjectionState;

/** Records an objection; the caller has checked that its target exists and (for a listing) that it is within the window. */
export function fileObjection(
  input: { objectionId: string; agency: string; uscc: string; target: ObjectionTarget; reason: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: ObjectionState } {
  const deadlines = [deadline(calendar, 'accept-objection', input.today, clocks.objectionAcceptWithin, OBJECTION_BASIS)];
  const data = { objectionId: input.objectionId, uscc: input.uscc, target: input.target, reason: input.reason, on: input.today, deadlines };
  const events: NewEvent[] = [{ type: ObjectionFiled.DETAIL_TYPE, version: ObjectionFiled.VERSION, data }];
  return { events, state: fold(undefined, events, input.agency) };
}

/** The last day an objection to a listing published on `publishedOn` may be made (calendar days; a holiday moves it on). */
export const listingObjectionLastDay = (publishedOn: string, calendar: WorkingCalendar, clocks: CreditClocks) =>
  calendar.addCalendarDays(publishedOn, clocks.objectionWindowDays).date;

/** Accepts (受理; verification due within 20 working days) or does not accept a filed objection. */
export function acceptObjection(
  state: ObjectionState,
  input: { accept: boolean; note: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: ObjectionState } {
  if (state.status !== 'filed') throw new StateConflictError(`The objection is ${state.status} already.`);
  const events: NewEvent[] = input.accept
    ? [
        {
          type: ObjectionAccepted.DETAIL_TYPE,
          version: ObjectionAccepted.VERSION,
          data: {
            on: input.today,
            note: input.note,
            deadlines: [deadline(calendar, 'verify-objection', input.today, clocks.objectionVerifyWithin, OBJECTION_BASIS)],
          },
        },
      ]
    : [{ type: ObjectionNotAccepted.DETAIL_TYPE, version: ObjectionNotAccepted.VERSION, data: { on: input.today, note: input.note } }];
  return { events, state: fold(state, events, state.agency) };
}

/** Decides an accepted objection: upheld removes the factor or listing from this day; dismissed leaves it. */
export function decideObjection(
  state: ObjectionState,
  input: { upheld: boolean; note: string; today: string },
): { events: NewEvent[]; state: ObjectionState } {
  if (state.status !== 'accepted') {
    throw new StateConflictError(
      state.status === 'filed' ? 'Accept the objection first (受理), then decide it.' : `The objection is ${state.status} already.`,
    );
  }
  const data = { uscc: state.uscc, target: state.target, upheld: input.upheld, note: input.note, on: input.today };
  const events: NewEvent[] = [{ type: ObjectionDecided.DETAIL_TYPE, version: ObjectionDecided.VERSION, data }];
  return { events, state: fold(state, events, state.agency) };
}
