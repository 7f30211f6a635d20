import type { Delivered } from '#alerts/domain/raise';
import { agencyRules } from '#alerts/domain/rule-book';
import type { AlertsDeps } from '#alerts/ports';
import { readersCopy } from '#records/adapters/dynamodb-access-log';
import type { AccessEntry } from '#records/ports';
import { officialCalendar } from '#shared/working-days';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

export const agency = 'SAMR-440305';
export const uscc = '9144030071526726XG';
export const other = '91440300MA5FXXXX0C';

/** Deps over the in-memory store, with a day the test moves. */
export async function alertsWorld(start = '2026-05-06') {
  const store = new InMemoryEventStore();
  const clock = { today: start, now: undefined as Date | undefined, recent: new Map<string, Set<string>>() };
  const log: AccessEntry[] = [];
  const deps: AlertsDeps = {
    store,
    reader: store,
    today: () => clock.today,
    now: () => clock.now ?? new Date(`${clock.today}T02:00:00.000Z`),
    calendar: await officialCalendar(),
    recentInspectors: async (entities) =>
      new Map(entities.flatMap((e) => (clock.recent.has(e) ? [[e, clock.recent.get(e) as Set<string>]] : []))),
    access: {
      record: async (entry) => {
        log.push(entry);
      },
      // Newest first, the reads of the agency's own people (byReader) or of its records; one page.
      list: async (a, byReader) => ({
        items: log
          .filter((e) => (byReader ? e.readerAgency : e.recordAgency) === a)
          .map((e) => (byReader ? readersCopy(e) : e))
          .sort((x, y) => (x.at < y.at ? 1 : -1)),
      }),
    },
  };
  const rules = (a: string) => agencyRules(deps, a);
  return { store, clock, deps, rules, log };
}

let seq = 0;
/** A delivered event of a type, as the bus hands it to the rule consumer. */
export function delivered(
  type: string,
  data: unknown,
  options: { stream?: string; seq?: number; at?: string; agency?: string } = {},
): Delivered {
  seq += 1;
  return {
    stream: options.stream ?? `source/${seq}`,
    seq: options.seq ?? 1,
    type,
    occurredAt: options.at ?? '2026-05-06T02:00:00.000Z',
    data,
    agency: options.agency ?? agency,
    correlationId: `c-${seq}`,
  };
}

export const inspected = (result: string, day: string, entity = uscc) =>
  delivered(
    'Inspections.InspectionCompleted',
    { entity, result, channel: 'mobile-form', inspectors: ['i-1', 'i-2'], answered: 1, evidence: 0 },
    { at: `${day}T02:00:00.000Z`, stream: `inspection/t-${day}~${entity}` },
  );

export const reported = (type: string, payload: Record<string, unknown>, subject = uscc) =>
  delivered(
    type,
    { system: 'tax-1', source: 'urn:x', id: `e-${seq}`, time: '2026-05-06T02:00:00Z', subject, data: payload },
    {
      stream: `external/${agency}/${subject}`,
      seq: seq + 1,
    },
  );
