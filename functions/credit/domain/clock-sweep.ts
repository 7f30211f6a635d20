import pLimit from 'p-limit';
import type { Actor, NewEvent } from '#records/domain/recorded-event';
import type { StoredRecord } from '#records/ports';
import { VersionConflictError } from '#shared/errors';
import { creditClocksDueBy, LISTING_STREAMS, OBJECTION_STREAMS, REPAIR_STREAMS } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { type CreditDeadline, clockEvents } from './credit-clocks.ts';
import { listingHeadIndex } from './listing-commands.ts';
import { evolveListing, type ListingState } from './listings.ts';
import { objectionHeadIndex } from './objection-commands.ts';
import { evolveObjection, type ObjectionState } from './objections.ts';
import { repairHeadIndex } from './repair-commands.ts';
import { evolveRepair, type RepairState } from './repairs.ts';

/** A kind of procedure stream with deadlines: where its deadlines are, how an event folds into it, its head index. */
interface ProcedureKind<S> {
  prefix: string;
  deadlines(state: S): readonly CreditDeadline[];
  evolve(state: S, event: NewEvent, agency: string): S;
  index(state: S): Record<string, string>;
}

/** What the sweep does to one head of a kind: the events it records, and the head they leave. */
type Plan = (
  state: unknown,
  agency: string,
  calendar: CreditDeps['calendar'],
  today: string,
  warnDays: number,
) => { events: NewEvent[]; state: unknown; index: Record<string, string> } | undefined;

function planOf<S>(kind: ProcedureKind<S>): { prefix: string; plan: Plan } {
  return {
    prefix: kind.prefix,
    plan: (stored, agency, calendar, today, warnDays) => {
      // The head's state is this kind's fold, cached by the store beside the events it was folded from.
      const state = stored as S;
      const events = clockEvents(kind.deadlines(state), calendar, today, warnDays);
      if (events.length === 0) return undefined;
      const next = events.reduce((s, e) => kind.evolve(s, e, agency), state);
      return { events, state: next, index: kind.index(next) };
    },
  };
}

const KINDS = [
  planOf<ListingState>({
    prefix: LISTING_STREAMS,
    deadlines: (s) => s.application?.deadlines ?? [],
    evolve: (s, e, agency) => evolveListing(s, e, agency),
    index: listingHeadIndex,
  }),
  planOf<ObjectionState>({
    prefix: OBJECTION_STREAMS,
    deadlines: (s) => s.deadlines,
    evolve: (s, e, agency) => evolveObjection(s, e, agency),
    index: objectionHeadIndex,
  }),
  planOf<RepairState>({
    prefix: REPAIR_STREAMS,
    deadlines: (s) => s.deadlines,
    evolve: (s, e, agency) => evolveRepair(s, e, agency),
    index: repairHeadIndex,
  }),
];

const SWEEPER = (agency: string): Actor => ({ id: 'credit-clock-sweep', role: 'system', agency });

/**
 * The daily sweep of the credit procedures' clocks (issue 13, point 7): every stream on the clock index with a
 * deadline due within the warning period (working days) gets `Credit.DeadlineApproaching` once, and
 * `Credit.DeadlinePassed` once the day after its due day with the step not done. A step taken meanwhile (a version
 * conflict) leaves the stream to tomorrow's sweep.
 */
export async function sweepCreditClocks(deps: CreditDeps, concurrency = 4): Promise<{ warned: number; passed: number }> {
  const today = deps.today();
  const { warnDays } = deps.settings.clocks;
  const horizon = deps.calendar.addWorkingDays(today, warnDays).date;
  const totals = { warned: 0, passed: 0 };
  const sweepOne = async (head: StoredRecord<unknown>) => {
    const planned = KINDS.find((k) => head.stream.startsWith(k.prefix))?.plan(head.state, head.agency, deps.calendar, today, warnDays);
    if (planned === undefined) return;
    const { events, state, index } = planned;
    try {
      await deps.store.append({
        stream: head.stream,
        expectedVersion: head.version,
        prevHash: head.lastHash,
        events,
        actor: SWEEPER(head.agency),
        agency: head.agency,
        correlationId: `credit-clock-sweep-${today}`,
        head: { state, index },
      });
    } catch (error) {
      if (error instanceof VersionConflictError) return;
      throw error;
    }
    for (const e of events) {
      if (e.type === 'Credit.DeadlinePassed') totals.passed += 1;
      else totals.warned += 1;
    }
  };
  const limit = pLimit(concurrency);
  await Promise.all(
    creditClocksDueBy(horizon).map((partition) =>
      limit(async () => {
        let cursor: string | undefined;
        do {
          const page = await deps.reader.list<unknown>({ ...partition, limit: 100, ...(cursor ? { cursor } : {}) });
          for (const head of page.items) await sweepOne(head);
          cursor = page.cursor;
        } while (cursor !== undefined);
      }),
    ),
  );
  return totals;
}
