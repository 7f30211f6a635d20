import { PartnerAccepted } from '#events/sampling/partner-accepted.v1';
import { ResultPublicationOverdue } from '#events/sampling/result-publication-overdue.v1';
import { TaskCreated } from '#events/sampling/task-created.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { dataOf } from '#events/stored-event';
import type { StreamFold } from '#records/domain/stream-fold';
import type { TaskState } from '../ports.ts';

/** An event as the fold needs it: a stored one, or one a command is about to record (with its time). */
export interface TaskEvent {
  type: string;
  data: unknown;
  occurredAt?: string;
}

/**
 * A sampling task is the fold of its events (DESIGN §4): planned when created (at the event's time), accepted by
 * its partners one by one, drawn once, flagged once when its results are overdue. Commands compute the head's state
 * with it, so head and history cannot disagree.
 */
export function evolveTask(state: TaskState | undefined, event: TaskEvent): TaskState {
  const at = event.occurredAt ?? '';
  if (event.type === TaskCreated.DETAIL_TYPE) return { ...dataOf(TaskCreated, event), status: 'planned', createdAt: at };
  if (state === undefined) throw new Error(`A sampling task stream must start with ${TaskCreated.DETAIL_TYPE}, not ${event.type}`);
  switch (event.type) {
    case PartnerAccepted.DETAIL_TYPE:
      return { ...state, acceptedBy: [...(state.acceptedBy ?? []), dataOf(PartnerAccepted, event).agency] };
    case TaskDrawn.DETAIL_TYPE:
      return { ...state, status: 'drawn', draw: dataOf(TaskDrawn, event) };
    case ResultPublicationOverdue.DETAIL_TYPE:
      return { ...state, overdue: { dueBy: dataOf(ResultPublicationOverdue, event).dueBy, flaggedAt: at } };
    default:
      return state;
  }
}

/** The sampling context's kinds of stream and how each folds. */
export const samplingFolds: readonly StreamFold[] = [
  { prefix: 'sampling-task/', fold: (events) => events.reduce<TaskState | undefined>(evolveTask, undefined) },
];
