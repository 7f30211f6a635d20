import { agencies } from '#directory/adapters/table-layout';
import type { AccessEntry, AccessLog } from '#records/ports';
import type { AlertsDeps } from '../ports.ts';
import { hourlyReadsFact } from './facts.ts';
import { observeFact } from './raise.ts';
import type { VersionedRule } from './rules.ts';

const HOUR_MS = 3_600_000;
/** Each run counts the last few whole hours again: a missed run loses nothing, and a fact is observed once. */
const HOURS_BACK = 3;

/** One person's reads in one hour: the records read, and the reads refused as another agency's (404). */
interface HourCount {
  reader: string;
  role: string;
  hour: number;
  reads: number;
  denied: number;
}

/** The access log's entries of the agency's own people from `since` on, newest first, page after page. */
async function readsSince(access: Pick<AccessLog, 'list'>, agency: string, since: number): Promise<AccessEntry[]> {
  const out: AccessEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await access.list(agency, true, 200, cursor);
    const recent = page.items.filter((e) => Date.parse(e.at) >= since);
    out.push(...recent);
    cursor = recent.length < page.items.length ? undefined : page.cursor;
  } while (cursor !== undefined);
  return out;
}

/** The counts per person and whole hour, the hour still running left out. */
export function hourlyCounts(entries: readonly AccessEntry[], now: number): HourCount[] {
  const current = Math.floor(now / HOUR_MS);
  const counts = new Map<string, HourCount>();
  for (const e of entries) {
    const hour = Math.floor(Date.parse(e.at) / HOUR_MS);
    if (hour >= current) continue;
    const key = `${e.reader}\n${hour}`;
    const count = counts.get(key) ?? { reader: e.reader, role: e.role, hour, reads: 0, denied: 0 };
    if (e.denied === true) count.denied += 1;
    else count.reads += 1;
    counts.set(key, count);
  }
  return [...counts.values()].sort((a, b) => a.hour - b.hour || (a.reader < b.reader ? -1 : 1));
}

/**
 * The hourly personnel sweep (操作日志分析, 人员风险): for every agency, each person's reads of case, credit and alert
 * records in each of the last whole hours, and the reads refused as another agency's, as facts through the agency's
 * rules (`Clock.HourlyReads`). The alert goes to the agency's admin and is never shown to the person it is about.
 */
export async function sweepPersonnel(
  deps: AlertsDeps & { access: Pick<AccessLog, 'list'> },
  rules: (agency: string) => Promise<readonly VersionedRule[]>,
): Promise<{ counted: number; raised: string[] }> {
  const now = deps.now().getTime();
  const since = (Math.floor(now / HOUR_MS) - HOURS_BACK) * HOUR_MS;
  const raised: string[] = [];
  let counted = 0;
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<{ code: string }>({ ...agencies(), limit: 100, ...(cursor ? { cursor } : {}) });
    for (const { state } of page.items) {
      for (const count of hourlyCounts(await readsSince(deps.access, state.code, since), now)) {
        counted += 1;
        const fact = hourlyReadsFact(state.code, count);
        const correlationId = `personnel-sweep-${new Date(count.hour * HOUR_MS).toISOString()}`;
        raised.push(...(await observeFact(deps, rules, fact, { agency: state.code, correlationId })));
      }
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return { counted, raised };
}
