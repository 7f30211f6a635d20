import { EntityListed, ListingRemoved } from '#events/credit/credit-events.v1';
import { ABNORMAL_CAUSES } from '#events/credit/values';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { RuleViolationError, StateConflictError } from '#shared/errors';

/**
 * The two lists (DESIGN §6, checked against the current texts). The abnormal-operations list (经营异常名录,
 * 企业经营异常名录管理办法 as revised by SAMR Order 101, 2025): one of four causes; removal once the duty is done. The
 * serious illegal and dishonest list (严重违法失信名单, SAMR Order 44, 2021): listed with a heavier penalty (a case);
 * early removal on application after 1 year on the list (§16); off the list after 3 years by itself. The 2014 rule
 * that moved a company from the first list to the second after 3 years was repealed (企业信息公示暂行条例, 2024).
 */
export const LIST_RULES = {
  abnormal: { basis: '企业经营异常名录管理办法 (SAMR Order 101, 2025)' },
  serious: {
    basis: '市场监督管理严重违法失信名单管理办法 (SAMR Order 44, 2021)',
    earlyRemovalAfterYears: 1,
    earlyRemovalBasis: '市场监督管理严重违法失信名单管理办法 §16 (提前移出: 列入满一年)',
    removedAfterYears: 3,
  },
} as const;

export interface ListingState {
  listingId: string;
  agency: string;
  uscc: string;
  list: 'abnormal' | 'serious';
  cause: string;
  caseId?: string;
  on: string;
  basis: string;
  removed?: { on: string; reason: string };
}

const addYears = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`.replace(/-02-29$/, '-02-28');

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
    };
  }
  if (state === undefined) throw new Error(`A listing stream must start with ${EntityListed.DETAIL_TYPE}, not ${event.type}`);
  if (event.type === ListingRemoved.DETAIL_TYPE) {
    const d = dataOf(ListingRemoved, event);
    return { ...state, removed: { on: d.on, reason: d.reason } };
  }
  return state;
}

const fold = (state: ListingState | undefined, events: NewEvent[], agency: string) =>
  events.reduce<ListingState | undefined>((s, e) => evolveListing(s, e, agency), state) as ListingState;

/** Lists an entity: an abnormal listing names one of the causes; a serious one names the case of its heavier penalty. */
export function listEntity(input: {
  listingId: string;
  agency: string;
  uscc: string;
  list: 'abnormal' | 'serious';
  cause: string;
  caseId?: string | undefined;
  today: string;
}): { events: NewEvent[]; state: ListingState } {
  if (input.list === 'abnormal' && !(ABNORMAL_CAUSES as readonly string[]).includes(input.cause)) {
    throw new RuleViolationError(
      'cause',
      `the abnormal-operations list takes one of: ${ABNORMAL_CAUSES.join(', ')} (${LIST_RULES.abnormal.basis})`,
    );
  }
  if (input.list === 'serious' && (input.caseId ?? '') === '') {
    throw new RuleViolationError('caseId', `a serious listing comes with a heavier penalty: name its case (${LIST_RULES.serious.basis})`);
  }
  const data = {
    listingId: input.listingId,
    uscc: input.uscc,
    list: input.list,
    cause: input.cause,
    ...(input.caseId ? { caseId: input.caseId } : {}),
    on: input.today,
    basis: LIST_RULES[input.list].basis,
  };
  const events: NewEvent[] = [{ type: EntityListed.DETAIL_TYPE, version: EntityListed.VERSION, data }];
  return { events, state: fold(undefined, events, input.agency) };
}

/** Removes a listing: an abnormal one once the duty is done; a serious one early only after a year on the list. */
export function removeListing(state: ListingState, input: { reason: string; today: string }): { events: NewEvent[]; state: ListingState } {
  if (state.removed !== undefined) throw new StateConflictError(`The listing was removed on ${state.removed.on} already.`);
  if (state.list === 'serious') {
    const earliest = addYears(state.on, LIST_RULES.serious.earlyRemovalAfterYears);
    if (input.today < earliest) {
      throw new StateConflictError(
        `A serious listing may be removed early only after a year on the list (${LIST_RULES.serious.earlyRemovalBasis}): not before ${earliest}.`,
        { earliest },
      );
    }
  }
  const basis = state.list === 'serious' ? LIST_RULES.serious.earlyRemovalBasis : LIST_RULES.abnormal.basis;
  const events: NewEvent[] = [
    { type: ListingRemoved.DETAIL_TYPE, version: ListingRemoved.VERSION, data: { on: input.today, reason: input.reason, basis } },
  ];
  return { events, state: fold(state, events, state.agency) };
}
