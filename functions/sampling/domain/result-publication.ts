import { ResultPublicationOverdue } from '#events/sampling/result-publication-overdue.v1';
import type { EventStore } from '#records/ports';
import { chinaDay, type WorkingCalendar } from '#shared/calendar';
import { maskText } from '#shared/masking';
import { taskIndex } from '../adapters/table-layout.ts';
import type { InspectionOutcome, SamplingDeps, TaskState } from '../ports.ts';
import { taskStream } from './task-commands.ts';
import { evolveTask } from './task-fold.ts';

/** Results are published within 20 working days after the inspection ends (DESIGN §6, 一公开). */
export const PUBLICATION_WORKING_DAYS = 20;

export interface PublicTaskView {
  id: string;
  name: string;
  ownerAgency: string;
  partnerAgencies: string[];
  items: string[];
  period: { start: string; end: string };
  commitment: string;
  status: string;
  drawnAt?: string;
  strata?: { name: string; size: number; k: number }[];
  selected?: string[];
  /** Results as inspections complete: the entity (names masked where they are a person's) and the outcome. */
  results?: { uscc: string; name: string; result: string; completedAt: string }[];
  resultsOverdue: boolean;
}

/** What the public sees: the plan, the commitment, and after the draw the sample; never the teams or the witness. */
export function publicView(task: TaskState, selected?: string[], outcomes?: InspectionOutcome[]): PublicTaskView {
  const results = outcomes
    ?.filter((o) => o.result !== undefined && o.completedAt !== undefined)
    .map((o) => ({ uscc: o.uscc, name: maskText(o.name), result: o.result as string, completedAt: o.completedAt as string }));
  return {
    id: task.id,
    name: maskText(task.name),
    ownerAgency: task.ownerAgency,
    partnerAgencies: task.partnerAgencies,
    items: task.items,
    period: task.period,
    commitment: task.commitment,
    status: task.status,
    ...(task.draw === undefined
      ? {}
      : { drawnAt: task.draw.drawnAt, strata: task.draw.strata.map(({ name, size, k }) => ({ name, size, k })) }),
    ...(selected === undefined ? {} : { selected }),
    ...(results === undefined ? {} : { results }),
    resultsOverdue: task.overdue !== undefined,
  };
}

/** A task as the public list shows it: the plan and its counts, without the sample's ids. */
export function publicSummary(task: TaskState, outcomes?: InspectionOutcome[]) {
  const { selected: _s, results, ...plan } = publicView(task, undefined, outcomes);
  return {
    ...plan,
    drawnCount: (task.draw?.strata ?? []).reduce((sum, s) => sum + s.k, 0),
    publishedCount: results?.length ?? 0,
    nonCompliantCount: (results ?? []).filter((r) => r.result === 'non-compliant').length,
  };
}

/**
 * The daily sweep: a drawn task whose results are not published 20 working days after its period ends is
 * flagged once, with an event the alerts context consumes. (Results are entered by the inspections context.)
 */
export async function flagOverdue(
  store: EventStore,
  task: { state: TaskState; version: number; lastHash: string },
  today: string,
  now: Date,
  calendar: WorkingCalendar,
  outcomes?: InspectionOutcome[],
): Promise<boolean> {
  const { state } = task;
  if (state.status !== 'drawn' || state.overdue !== undefined) return false;
  // Published as soon as each inspection completes: a task is overdue only while some result is missing.
  if (outcomes !== undefined && outcomes.length > 0 && outcomes.every((o) => o.result !== undefined)) return false;
  const due = calendar.addWorkingDays(state.period.end, PUBLICATION_WORKING_DAYS);
  if (today <= due.date) return false;
  const flagged = {
    type: ResultPublicationOverdue.DETAIL_TYPE,
    version: ResultPublicationOverdue.VERSION,
    data: { taskId: state.id, periodEnd: state.period.end, dueBy: due.date, provisional: due.provisional },
    occurredAt: now.toISOString(),
  };
  const next = evolveTask(state, flagged);
  await store.append({
    stream: taskStream(state.id),
    expectedVersion: task.version,
    prevHash: task.lastHash,
    events: [flagged],
    actor: { id: 'publication-sweep', role: 'system', agency: state.ownerAgency },
    agency: state.ownerAgency,
    correlationId: `sweep-${today}`,
    head: { state: next, index: taskIndex(next) },
  });
  return true;
}

/** The daily sweep over every drawn task (DESIGN §6): flags each whose results are overdue; answers how many. */
export async function sweepOverdue(deps: Pick<SamplingDeps, 'store' | 'reads'>, now: Date, calendar: WorkingCalendar): Promise<number> {
  const today = chinaDay(now);
  let flagged = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.reads.publicTasks(100, cursor);
    for (const state of page.items) {
      if (state.status !== 'drawn' || state.overdue !== undefined) continue;
      const task = await deps.reads.task(state.id);
      if (task !== undefined && (await flagOverdue(deps.store, task, today, now, calendar, await deps.reads.inspectionResults(task.state))))
        flagged += 1;
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return flagged;
}
