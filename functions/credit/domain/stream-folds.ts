import type { StreamFold } from '#records/domain/stream-fold';
import {
  CLASS_STREAMS,
  LISTING_STREAMS,
  OBJECTION_STREAMS,
  OVERRIDE_STREAMS,
  overrideIndex,
  REPAIR_STREAMS,
  RUN_STREAMS,
} from '../adapters/table-layout.ts';
import { type ClassState, evolveClass } from './classification.ts';
import { evolveListing, type ListingState } from './listings.ts';
import { evolveRun, type RunState } from './monthly-run.ts';
import { objectionHeadIndex } from './objection-commands.ts';
import { evolveObjection, type ObjectionState } from './objections.ts';
import { evolveOverride, type OverrideState } from './overrides.ts';
import { repairHeadIndex } from './repair-commands.ts';
import { evolveRepair, type RepairState } from './repairs.ts';

/** The credit context's kinds of stream and how each folds (DESIGN §4). */
export const creditFolds: readonly StreamFold[] = [
  {
    prefix: LISTING_STREAMS,
    fold: (events, head) => events.reduce<ListingState | undefined>((state, event) => evolveListing(state, event, head.agency), undefined),
  },
  {
    prefix: OVERRIDE_STREAMS,
    fold: (events, head) =>
      events.reduce<OverrideState | undefined>((state, event) => evolveOverride(state, event, head.agency), undefined),
    index: (state) => overrideIndex(state as OverrideState),
  },
  {
    prefix: OBJECTION_STREAMS,
    fold: (events, head) =>
      events.reduce<ObjectionState | undefined>((state, event) => evolveObjection(state, event, head.agency), undefined),
    index: (state) => objectionHeadIndex(state as ObjectionState),
  },
  {
    prefix: REPAIR_STREAMS,
    fold: (events, head) => events.reduce<RepairState | undefined>((state, event) => evolveRepair(state, event, head.agency), undefined),
    index: (state) => repairHeadIndex(state as RepairState),
  },
  { prefix: RUN_STREAMS, fold: (events) => events.reduce<RunState | undefined>(evolveRun, undefined) },
  { prefix: CLASS_STREAMS, fold: (events) => events.reduce<ClassState | undefined>(evolveClass, undefined) },
];
