import { EntityListed, ListingRemoved, RemovalAccepted, RemovalApplied, RemovalRefused } from '#events/credit/credit-events.v1';
import { ABNORMAL_CAUSES } from '#events/credit/values';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { WorkingCalendar } from '#shared/calendar';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { type CreditClocks, type CreditDeadline, deadline, meet, swept } from './credit-clocks.ts';

/**
 * The two lists (DESIGN §6, checked against the current texts). The abnormal-operations list (经营异常名录,
 * 企业经营异常名录管理办法 as revised by SAMR Order 101, 2025): one of four causes, listed within 10 working days of the
 * cause; removed once the duty is done, on application decided within 5 working days. The serious illegal and
 * dishonest list (严重违法失信名单, SAMR Order 44, 2021): listed with a heavier penalty (a case) and published within
 * 20 working days; early removal on application after 1 year on the list (§16), accepted within 2 working days,
 * decided within 15, publication stopped within 3; off the list after 3 years by itself. The 2014 rule that moved a
 * company from the first list to the second after 3 years was repealed (企业信息公示暂行条例, 2024).
 */
export const LIST_RULES = {
  abnormal: {
    basis: '《企业经营异常名录管理办法》（总局令第101号，2025）',
    /** Unreachable at the registered address: two registered letters this many days apart, both returned. */
    lettersApart: { min: 15, max: 30 },
  },
  serious: {
    basis: '《市场监督管理严重违法失信名单管理办法》（总局令第44号，2021）',
    earlyRemovalAfterYears: 1,
    earlyRemovalBasis: '市场监督管理严重违法失信名单管理办法 §16 (提前移出: 列入满一年)',
    removedAfterYears: 3,
  },
} as const;

export interface RemovalApplication {
  on: string;
  reason: string;
  status: 'applied' | 'accepted' | 'removed' | 'refused';
  deadlines: CreditDeadline[];
  note?: string;
}

export interface ListingState {
  listingId: string;
  agency: string;
  uscc: string;
  list: 'abnormal' | 'serious';
  cause: string;
  caseId?: string;
  on: string;
  basis: string;
  causeOn?: string;
  /** The day the listing was due by; `late` when it was made after it (a supervision figure). */
  due?: string;
  late?: boolean;
  letters?: { sentOn: string; returnedOn: string }[];
  removed?: { on: string; reason: string };
  /** The last application for removal, with its deadlines. */
  application?: RemovalApplication;
}

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`.replace(/-02-29$/, '-02-28');
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** The day a serious listing ends by itself (3 years on the list). */
export const seriousListingEnds = (on: string) => addYears(on, LIST_RULES.serious.removedAfterYears);

/** The fold of a listing's stream (DESIGN §4). */
export function evolveListing(state: ListingState | undefined, event: { type: string; data: unknown }, agency: string): ListingState {
  if (event.type === EntityListed.DETAIL_TYPE) {
    const d = dataOf(EntityListed, event);
    return {
      listingId: d.listingId,
      agency,
      uscc: d.uscc,
      list: d.list,
      cause: d.cause,
      ...(d.caseId === undefined ? {} : { caseId: d.caseId }),
      on: d.on,
      basis: d.basis,
      ...(d.causeOn === undefined ? {} : { causeOn: d.causeOn }),
      ...(d.due === undefined ? {} : { due: d.due, late: d.on > d.due }),
      ...(d.letters === undefined ? {} : { letters: d.letters }),
    };
  }
  if (state === undefined) throw new Error(`A listing stream must start with ${EntityListed.DETAIL_TYPE}, not ${event.type}`);
  return evolveProcedure(state, event);
}

function evolveProcedure(state: ListingState, event: { type: string; data: unknown }): ListingState {
  const application = state.application;
  switch (event.type) {
    case ListingRemoved.DETAIL_TYPE: {
      const d = dataOf(ListingRemoved, event);
      const closed =
        application !== undefined && (application.status === 'applied' || application.status === 'accepted')
          ? { application: { ...application, status: 'removed' as const, deadlines: meet(application.deadlines, DECISION_STEPS, d.on) } }
          : {};
      return { ...state, removed: { on: d.on, reason: d.reason }, ...closed };
    }
    case RemovalApplied.DETAIL_TYPE: {
      const d = dataOf(RemovalApplied, event);
      return { ...state, application: { on: d.on, reason: d.reason, status: 'applied', deadlines: d.deadlines } };
    }
    case RemovalAccepted.DETAIL_TYPE: {
      const d = dataOf(RemovalAccepted, event);
      if (application === undefined) return state;
      const deadlines = [...meet(application.deadlines, ['accept-removal'], d.on), ...d.deadlines];
      return { ...state, application: { ...application, status: 'accepted', note: d.note, deadlines } };
    }
    case RemovalRefused.DETAIL_TYPE: {
      const d = dataOf(RemovalRefused, event);
      if (application === undefined) return state;
      return {
        ...state,
        application: { ...application, status: 'refused', note: d.note, deadlines: meet(application.deadlines, DECISION_STEPS, d.on) },
      };
    }
    default: {
      const deadlines = application === undefined ? undefined : swept(application.deadlines, event);
      if (deadlines === undefined || application === undefined) throw new Error(`A listing stream holds no ${event.type}`);
      return { ...state, application: { ...application, deadlines } };
    }
  }
}

/** Every step that ends an application meets its open deadlines. */
const DECISION_STEPS = ['accept-removal', 'decide-removal'];

const fold = (state: ListingState | undefined, events: NewEvent[], agency: string) =>
  events.reduce<ListingState | undefined>((s, e) => evolveListing(s, e, agency), state) as ListingState;

export interface ListingInput {
  listingId: string;
  agency: string;
  uscc: string;
  list: 'abnormal' | 'serious';
  cause: string;
  caseId?: string | undefined;
  /** The day the cause arose (abnormal list; default: today). */
  causeOn?: string | undefined;
  letters?: { sentOn: string; returnedOn: string }[] | undefined;
  today: string;
}

/** Checks what only an abnormal listing needs: a known cause, a cause not in the future, and for "unreachable" the two letters. */
function checkAbnormal(input: ListingInput): void {
  if (!(ABNORMAL_CAUSES as readonly string[]).includes(input.cause)) {
    throw new RuleViolationError(
      'cause',
      `the abnormal-operations list takes one of: ${ABNORMAL_CAUSES.join(', ')} (${LIST_RULES.abnormal.basis})`,
    );
  }
  if (input.causeOn !== undefined && input.causeOn > input.today)
    throw new RuleViolationError('causeOn', 'the cause cannot arise after today');
  if (input.cause !== 'unreachable-at-address') return;
  const [first, second] = input.letters ?? [];
  const { min, max } = LIST_RULES.abnormal.lettersApart;
  if (first === undefined || second === undefined) {
    throw new RuleViolationError(
      'letters',
      `unreachable at the registered address: give the two registered letters, ${min} to ${max} days apart, both returned (${LIST_RULES.abnormal.basis})`,
    );
  }
  const apart = daysBetween(first.sentOn, second.sentOn);
  if (apart < min || apart > max) {
    throw new RuleViolationError(
      'letters',
      `the second letter was sent ${apart} days after the first; they must be ${min} to ${max} days apart (${LIST_RULES.abnormal.basis})`,
    );
  }
  const badReturn = [first, second].find((l) => l.returnedOn < l.sentOn || l.returnedOn > input.today);
  if (badReturn !== undefined)
    throw new RuleViolationError('letters', `a letter sent on ${badReturn.sentOn} cannot have come back on ${badReturn.returnedOn}`);
}

/**
 * Lists an entity: an abnormal listing names one of the causes (and the day it arose: the listing is due within 10
 * working days of it; a later one is recorded as late); a serious one names the case of its heavier penalty.
 */
export function listEntity(
  input: ListingInput,
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: ListingState } {
  if (input.list === 'abnormal') checkAbnormal(input);
  if (input.list === 'serious' && (input.caseId ?? '') === '') {
    throw new RuleViolationError('caseId', `a serious listing comes with a heavier penalty: name its case (${LIST_RULES.serious.basis})`);
  }
  const causeOn = input.list === 'abnormal' ? (input.causeOn ?? input.today) : undefined;
  const due = causeOn === undefined ? undefined : calendar.addWorkingDays(causeOn, clocks.abnormalListWithin).date;
  const data = {
    listingId: input.listingId,
    uscc: input.uscc,
    list: input.list,
    cause: input.cause,
    ...(input.caseId ? { caseId: input.caseId } : {}),
    on: input.today,
    basis: LIST_RULES[input.list].basis,
    ...(causeOn === undefined ? {} : { causeOn, due }),
    ...(input.letters === undefined || input.list !== 'abnormal' ? {} : { letters: input.letters }),
  };
  const events: NewEvent[] = [{ type: EntityListed.DETAIL_TYPE, version: EntityListed.VERSION, data }];
  return { events, state: fold(undefined, events, input.agency) };
}

/** Refuses a removal before a serious listing's first year, naming the article and the earliest day. */
function checkEarlyRemoval(state: ListingState, today: string): void {
  if (state.list !== 'serious') return;
  const earliest = addYears(state.on, LIST_RULES.serious.earlyRemovalAfterYears);
  if (today < earliest) {
    throw new StateConflictError(
      `A serious listing may be removed early only after a year on the list (${LIST_RULES.serious.earlyRemovalBasis}): not before ${earliest}.`,
      { earliest },
    );
  }
}

const checkListed = (state: ListingState) => {
  if (state.removed !== undefined) throw new StateConflictError(`The listing was removed on ${state.removed.on} already.`);
};

/** Removes a listing on the agency's own finding: an abnormal one once the duty is done; a serious one early only after a year. */
export function removeListing(state: ListingState, input: { reason: string; today: string }): { events: NewEvent[]; state: ListingState } {
  checkListed(state);
  checkEarlyRemoval(state, input.today);
  const basis = state.list === 'serious' ? LIST_RULES.serious.earlyRemovalBasis : LIST_RULES.abnormal.basis;
  const events: NewEvent[] = [
    { type: ListingRemoved.DETAIL_TYPE, version: ListingRemoved.VERSION, data: { on: input.today, reason: input.reason, basis } },
  ];
  return { events, state: fold(state, events, state.agency) };
}

/**
 * The entity applies for removal: the abnormal list's is decided within 5 working days; the serious list's (after a
 * year on it) is accepted within 2, then decided within 15 of the acceptance. One application at a time.
 */
export function applyRemoval(
  state: ListingState,
  input: { reason: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: ListingState } {
  checkListed(state);
  const open = state.application;
  if (open !== undefined && (open.status === 'applied' || open.status === 'accepted')) {
    throw new StateConflictError(`An application for removal of ${open.on} is still open (${open.status}).`);
  }
  checkEarlyRemoval(state, input.today);
  const deadlines =
    state.list === 'abnormal'
      ? [deadline(calendar, 'decide-removal', input.today, clocks.abnormalRemovalDecideWithin, LIST_RULES.abnormal.basis)]
      : [deadline(calendar, 'accept-removal', input.today, clocks.seriousRemovalAcceptWithin, LIST_RULES.serious.basis)];
  const events: NewEvent[] = [
    { type: RemovalApplied.DETAIL_TYPE, version: RemovalApplied.VERSION, data: { on: input.today, reason: input.reason, deadlines } },
  ];
  return { events, state: fold(state, events, state.agency) };
}

export type RemovalOutcome = 'accept' | 'remove' | 'refuse';

/**
 * The agency's step on an open application: the serious list's is first accepted (or refused at acceptance), then
 * removed or refused; the abnormal list's is removed or refused. Removal stops the publication at once (the public
 * page shows listings in force only), within the serious list's 3 working days.
 */
export function decideRemoval(
  state: ListingState,
  input: { outcome: RemovalOutcome; note: string; today: string },
  calendar: WorkingCalendar,
  clocks: CreditClocks,
): { events: NewEvent[]; state: ListingState } {
  checkListed(state);
  const application = state.application;
  if (application === undefined || (application.status !== 'applied' && application.status !== 'accepted')) {
    throw new StateConflictError('There is no open application for removal of this listing.');
  }
  const needsAcceptance = state.list === 'serious' && application.status === 'applied';
  if (input.outcome === 'accept' && !needsAcceptance) {
    throw new StateConflictError(
      state.list === 'abnormal'
        ? 'An abnormal-list application is decided, not accepted: remove or refuse.'
        : 'The application was accepted already.',
    );
  }
  if (input.outcome === 'remove' && needsAcceptance) throw new StateConflictError('Accept the application first (受理), then decide it.');
  let events: NewEvent[];
  if (input.outcome === 'accept') {
    const deadlines = [deadline(calendar, 'decide-removal', input.today, clocks.seriousRemovalDecideWithin, LIST_RULES.serious.basis)];
    events = [
      { type: RemovalAccepted.DETAIL_TYPE, version: RemovalAccepted.VERSION, data: { on: input.today, note: input.note, deadlines } },
    ];
  } else if (input.outcome === 'refuse') {
    const stage = needsAcceptance ? 'acceptance' : 'decision';
    events = [{ type: RemovalRefused.DETAIL_TYPE, version: RemovalRefused.VERSION, data: { on: input.today, note: input.note, stage } }];
  } else {
    const basis = state.list === 'serious' ? LIST_RULES.serious.earlyRemovalBasis : LIST_RULES.abnormal.basis;
    const reason = `${application.reason} (${input.note})`.slice(0, 2000);
    events = [{ type: ListingRemoved.DETAIL_TYPE, version: ListingRemoved.VERSION, data: { on: input.today, reason, basis } }];
  }
  return { events, state: fold(state, events, state.agency) };
}

/** An upheld objection's correction: the listing ends whatever its list's periods (it should not have been made). */
export function voidListing(
  state: ListingState,
  input: { reason: string; today: string; basis: string },
): { events: NewEvent[]; state: ListingState } | undefined {
  if (state.removed !== undefined) return undefined;
  const events: NewEvent[] = [
    {
      type: ListingRemoved.DETAIL_TYPE,
      version: ListingRemoved.VERSION,
      data: { on: input.today, reason: input.reason, basis: input.basis },
    },
  ];
  return { events, state: fold(state, events, state.agency) };
}
