import { ReclassificationCompleted, ReclassificationHandedOver } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import { VersionConflictError } from '#shared/errors';
import { runStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { type RunCursor, type RunTotals, reclassifyMonthly } from './classification-commands.ts';

/** A month's re-classification run, as its stream `credit-run/<yyyy-mm>` records it (DESIGN §4: a fold). */
export interface RunState {
  month: string;
  status: 'running' | 'completed';
  cursor?: RunCursor;
  totals: RunTotals;
}

export function evolveRun(_state: RunState | undefined, event: { type: string; data: unknown }): RunState {
  if (event.type === ReclassificationHandedOver.DETAIL_TYPE) {
    const d = dataOf(ReclassificationHandedOver, event);
    return { month: d.month, status: 'running', cursor: d.cursor, totals: d.totals };
  }
  if (event.type === ReclassificationCompleted.DETAIL_TYPE) {
    const d = dataOf(ReclassificationCompleted, event);
    return { month: d.month, status: 'completed', totals: d.totals };
  }
  throw new Error(`A run stream holds no ${event.type}`);
}

const SYSTEM = { id: 'credit-monthly-reclassification', role: 'system' as const, agency: 'platform' };

/**
 * One invocation's share of the month's run: from the start, or from where the last invocation handed over (its
 * event's cursor, totals and position in the run's stream); it records where it stopped (`Credit.ReclassificationHandedOver`,
 * which the rule `credit-reclassification-handed-over` delivers to the next invocation) or that the run is complete.
 * A second delivery of the same hand-over finds the stream moved on and stops: each page is done once per hand-over.
 */
export async function runReclassification(
  deps: CreditDeps,
  input: { month: string; timeIsUp: () => boolean; resume?: { cursor: RunCursor; totals: RunTotals; version: number } },
): Promise<RunState | undefined> {
  const stream = runStream(input.month);
  if (input.resume === undefined && (await deps.reader.get(stream)) !== undefined) return undefined; // started already
  if (input.resume !== undefined && ((await deps.reader.get(stream))?.version ?? 0) !== input.resume.version) return undefined;
  const done = await reclassifyMonthly(deps, `credit-monthly-${input.month}`, {
    timeIsUp: input.timeIsUp,
    ...(input.resume === undefined ? {} : { from: input.resume.cursor }),
  });
  const before = input.resume?.totals ?? { agencies: 0, entities: 0, changed: 0, failed: 0 };
  // An agency resumed in the middle of its list was counted by the invocation before.
  const again = input.resume?.cursor.classCursor === undefined ? 0 : 1;
  const totals: RunTotals = {
    agencies: before.agencies + done.totals.agencies - again,
    entities: before.entities + done.totals.entities,
    changed: before.changed + done.totals.changed,
    failed: before.failed + done.totals.failed,
  };
  const event: NewEvent =
    done.next === undefined
      ? { type: ReclassificationCompleted.DETAIL_TYPE, version: ReclassificationCompleted.VERSION, data: { month: input.month, totals } }
      : {
          type: ReclassificationHandedOver.DETAIL_TYPE,
          version: ReclassificationHandedOver.VERSION,
          data: { month: input.month, cursor: done.next, totals },
        };
  const state = evolveRun(undefined, event);
  try {
    await deps.store.append({
      stream,
      expectedVersion: input.resume?.version ?? 0,
      events: [event],
      actor: SYSTEM,
      agency: SYSTEM.agency,
      correlationId: `credit-monthly-${input.month}`,
      head: { state, index: {} },
    });
  } catch (error) {
    if (error instanceof VersionConflictError) return undefined; // another invocation recorded this step
    throw error;
  }
  return state;
}
