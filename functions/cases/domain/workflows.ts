import pLimit from 'p-limit';
import type { Actor, NewEvent } from '#records/domain/recorded-event';
import type { ListQuery, StoredRecord } from '#records/ports';
import type { WorkingCalendar } from '#shared/calendar';
import { VersionConflictError } from '#shared/errors';
import { CASE_STREAMS, dueBy, caseIndex as layoutIndex } from '../adapters/table-layout.ts';
import type { CaseDeps } from '../ports.ts';
import { type CaseRecord, withEvents } from './case-record.ts';
import { clockEvents, nextClockDay } from './clocks.ts';
import { type Publication, publicationIndex, publicationStream, publish, publishes, takeDown, withdraw } from './decision-publicity.ts';

/**
 * What happens to a case around its commands: its record written with its indexes, the clock sweep, and the
 * publication of its decision. Ports only, so it is tested with fakes.
 */
export const caseStream = (caseId: string) => `${CASE_STREAMS}${caseId}`;
const SYSTEM = (id: string, agency: string): Actor => ({ id, role: 'system', agency });

/** The head's index: by agency and status, by entity, and (while a deadline binds) by the next deadline for the sweep. */
export function caseIndex(c: CaseRecord, calendar: WorkingCalendar, today: string): Record<string, string> {
  return layoutIndex(c, nextClockDay(c, calendar, today));
}

/** Records a case's new events with its state and indexes, guarded by the version the decision was based on. */
export async function appendCase(
  deps: Pick<CaseDeps, 'store' | 'today' | 'calendar'>,
  c: CaseRecord,
  write: { expectedVersion: number; events: NewEvent[]; actor: Actor; correlationId: string; prevHash?: string },
): Promise<void> {
  await deps.store.append({
    stream: caseStream(c.caseId),
    expectedVersion: write.expectedVersion,
    ...(write.prevHash === undefined ? {} : { prevHash: write.prevHash }),
    events: write.events,
    actor: write.actor,
    agency: c.agency,
    correlationId: write.correlationId,
    head: { state: c, index: caseIndex(c, deps.calendar, deps.today()) },
  });
}

async function appendPublication(
  deps: CaseDeps,
  p: { events: NewEvent[]; state: Publication },
  expectedVersion: number,
  correlationId: string,
) {
  await deps.store.append({
    stream: publicationStream(p.state.notice.caseId),
    expectedVersion,
    events: p.events,
    actor: SYSTEM('publicity', p.state.notice.agency),
    agency: p.state.notice.agency,
    correlationId,
    head: { state: p.state, index: publicationIndex(p.state) },
  });
}

/** On a decision: published, masked, once (DESIGN §6 一公开); withdrawn at once if it was revoked meanwhile. */
export async function publishDecision(deps: CaseDeps, caseId: string, correlationId: string): Promise<void> {
  const c = (await deps.reader.get<CaseRecord>(caseStream(caseId)))?.state;
  if (c === undefined || !publishes(c)) return;
  try {
    const violationName = deps.settings.discretion[c.decision?.penalty.violationCode ?? '']?.name;
    await appendPublication(deps, publish(c, deps.today(), deps.settings.publicity, violationName), 0, correlationId);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error; // delivered again: published already
  }
  // Revoked while this was being written: the withdrawal may have found nothing to withdraw, so do it here.
  await withdrawIfRevoked(deps, caseId, correlationId);
}

/** On a revocation: the publication leaves the public list at once (DESIGN §6 allows 3 working days). */
export async function withdrawIfRevoked(deps: CaseDeps, caseId: string, correlationId: string): Promise<void> {
  const [c, p] = await Promise.all([
    deps.reader.get<CaseRecord>(caseStream(caseId)),
    deps.reader.get<Publication>(publicationStream(caseId)),
  ]);
  const revoked = c?.state.revoked;
  if (revoked === undefined || p?.state.status !== 'live') return;
  try {
    await appendPublication(deps, withdraw(p.state, deps.today(), `revoked on ${revoked.on}: ${revoked.reason}`), p.version, correlationId);
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error; // withdrawn by the other consumer meanwhile
  }
}

/**
 * On a granted credit repair (信用修复): the decision's publication ends at once (the rules allow 3 working days).
 * Redelivery, or a publication already ended, changes nothing.
 */
export async function withdrawForRepair(
  deps: CaseDeps,
  repair: { caseId: string; on: string; repairStream: string },
  correlationId: string,
): Promise<void> {
  const p = await deps.reader.get<Publication>(publicationStream(repair.caseId));
  if (p?.state.status !== 'live') return;
  try {
    await appendPublication(
      deps,
      withdraw(p.state, deps.today(), `credit repair granted on ${repair.on} (${repair.repairStream})`),
      p.version,
      correlationId,
    );
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error; // ended by another step meanwhile
  }
}

/** The sweep's work on one record of the clock index. */
async function sweepOne(deps: CaseDeps, item: StoredRecord<CaseRecord | Publication>, day: string) {
  if (item.stream.startsWith('publication/')) {
    const p = item.state as Publication;
    if (p.status !== 'live' || p.takedownOn > day) return { warned: 0, takenDown: 0 };
    await appendPublication(deps, takeDown(p, day), item.version, `sweep-${day}`);
    return { warned: 0, takenDown: 1 };
  }
  const c = item.state as CaseRecord;
  const found = clockEvents(c, deps.calendar, day, deps.settings.warnDays);
  if (found.length > 0) {
    await appendCase(deps, withEvents(c, found), {
      expectedVersion: item.version,
      events: found,
      actor: SYSTEM('clock-sweep', c.agency),
      correlationId: `sweep-${day}`,
      prevHash: item.lastHash,
    });
  }
  return { warned: found.length, takenDown: 0 };
}

/** How many clock shards the sweep reads at once. */
const SWEEP_CONCURRENCY = 4;

/**
 * The daily clock sweep: every case whose next deadline is within the warning window or passed gets its
 * DeadlineApproaching / DeadlinePassed events (each once); publications past their period are taken down. The clock
 * index is sharded (table-layout.ts): the shards are read side by side, each page after page.
 */
export async function sweepClocks(deps: CaseDeps, concurrency = SWEEP_CONCURRENCY): Promise<{ warned: number; takenDown: number }> {
  const day = deps.today();
  const totals = { warned: 0, takenDown: 0 };
  const sweepShard = async (shard: Omit<ListQuery, 'limit' | 'cursor'>) => {
    let cursor: string | undefined;
    do {
      const page = await deps.reader.list<CaseRecord | Publication>({ ...shard, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        try {
          const done = await sweepOne(deps, item, day);
          totals.warned += done.warned;
          totals.takenDown += done.takenDown;
        } catch (error) {
          // A command changed the record meanwhile: tomorrow's sweep sees it again.
          if (!(error instanceof VersionConflictError)) throw error;
        }
      }
      cursor = page.cursor;
    } while (cursor !== undefined);
  };
  const limit = pLimit(concurrency);
  await Promise.all(dueBy(deps.dayIn(deps.settings.warnDays)).map((shard) => limit(() => sweepShard(shard))));
  return totals;
}
