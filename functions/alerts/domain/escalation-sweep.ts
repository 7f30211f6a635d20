import pLimit from 'p-limit';
import type { ListQuery, StoredRecord } from '#records/ports';
import { VersionConflictError } from '#shared/errors';
import { alertClocksDueBy } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { type AlertState, stamped, withAlertEvents } from './alert.ts';
import { escalationsDue } from './alert-clock.ts';
import { indexOf } from './alert-commands.ts';

/** How many clock shards the sweep reads at once. */
const SWEEP_CONCURRENCY = 4;

/**
 * The daily escalation sweep (督办): every open alert whose current step is overdue gets its `Alerts.Escalated` events,
 * level 1 to the supervisor and level 2 to the admin, each once per step and level (the steps' own commands record
 * them too, when they come late). The clock index holds each open alert at the next day it must be looked at.
 */
export async function sweepEscalations(deps: AlertsDeps): Promise<{ escalated: number }> {
  const today = deps.today();
  let escalated = 0;
  const sweepShard = async (shard: Omit<ListQuery, 'limit' | 'cursor'>) => {
    let cursor: string | undefined;
    do {
      const page = await deps.reader.list<AlertState>({ ...shard, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        try {
          escalated += await escalateOne(deps, item, today);
        } catch (error) {
          // A step changed the alert meanwhile: it recorded what was due itself, or tomorrow's sweep does.
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  };
  const limit = pLimit(SWEEP_CONCURRENCY);
  await Promise.all(alertClocksDueBy(today).map((shard) => limit(() => sweepShard(shard))));
  return { escalated };
}

async function escalateOne(deps: AlertsDeps, item: StoredRecord<AlertState>, today: string): Promise<number> {
  const due = escalationsDue(item.state, deps.calendar, today);
  if (due.length === 0) return 0;
  const actor = { id: 'escalation-sweep', role: 'system', agency: item.agency };
  const at = deps.now().toISOString();
  const events = stamped(due, at);
  const state = withAlertEvents(item.state, events, item.agency, at, actor.id);
  await deps.store.append({
    stream: item.stream,
    expectedVersion: item.version,
    prevHash: item.lastHash,
    events,
    actor,
    agency: item.agency,
    correlationId: `escalation-sweep-${today}`,
    head: { state, index: indexOf(state, deps) },
  });
  return events.length;
}
