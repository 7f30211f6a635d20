import { RuleVersioned } from '#events/alerts/alert-events.v1';
import { dataOf } from '#events/stored-event';
import type { StreamFold } from '#records/domain/stream-fold';
import { ALERT_STREAMS, RULE_STREAMS, WATCH_STREAMS } from '../adapters/table-layout.ts';
import { type AlertState, evolveAlert } from './alert.ts';
import type { VersionedRule } from './rules.ts';
import { evolveWatch, type WatchState } from './watch.ts';

/** The alerts context's kinds of stream and how each folds (DESIGN §4). */
export const alertFolds: readonly StreamFold[] = [
  {
    prefix: ALERT_STREAMS,
    fold: (events, head) => events.reduce<AlertState | undefined>((state, event) => evolveAlert(state, event, head.agency), undefined),
  },
  {
    prefix: WATCH_STREAMS,
    fold: (events, head) => events.reduce<WatchState | undefined>((state, event) => evolveWatch(state, event, head.agency), undefined),
  },
  {
    prefix: RULE_STREAMS,
    fold: (events) =>
      events.reduce<VersionedRule | undefined>((_, event) => {
        const { version, rule } = dataOf(RuleVersioned, event);
        return { version, rule };
      }, undefined),
  },
];
