import { entityStream } from '#directory/adapters/table-layout';
import type { StoredRecord } from '#records/ports';
import { NotFoundError, RuleViolationError } from '#shared/errors';
import {
  OBJECTION_STREAMS,
  OVERRIDE_STREAMS,
  objectionsAbout,
  overridesAbout,
  pendingOf,
  REPAIR_STREAMS,
  repairsAbout,
} from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { waitingDue } from './credit-clocks.ts';
import { allHeads } from './credit-streams.ts';
import { OBJECTION_WAITING, type ObjectionState } from './objections.ts';
import type { OverrideState } from './overrides.ts';
import { REPAIR_WAITING, type RepairState } from './repairs.ts';

/**
 * A request the agency decides on an entity's credit record, as a worklist shows it: an objection (异议), a repair
 * application (信用修复) or a class override (人工调整), with the step it waits for and by when.
 */
export interface CreditRequest {
  kind: 'objection' | 'repair' | 'override';
  id: string;
  uscc: string;
  /** The entity's name in the agency's directory. */
  entity?: string;
  /** The request's own state; an override's is `requested`, `approved` or `refused`. */
  status: string;
  on: string;
  reason: string;
  /** The agency's next step: accept (受理) or decide; absent once decided. */
  next?: 'accept' | 'decide';
  /** By when the next step is due, and whether the day is past (an override has no statutory period). */
  due?: string;
  provisional?: boolean;
  overdue?: boolean;
  note?: string;
  closedOn?: string;
  /** An objection: what it is against. */
  target?: { kind: 'factor' | 'listing' };
  /** A repair: the penalty case and the rule set it is judged by. */
  caseId?: string;
  regime?: string;
  /** An override: the class asked for, the computed one, and who asked (never the one who decides). */
  class?: string;
  computedClass?: string;
  requestedBy?: string;
}

type Head = StoredRecord<ObjectionState | RepairState | OverrideState>;

const dueOf = (deadlines: RepairState['deadlines'], due: string | undefined, today: string) => {
  if (due === undefined) return {};
  const deadline = deadlines.find((d) => d.due === due && d.met === undefined);
  return { due, overdue: today > due, ...(deadline?.provisional ? { provisional: true } : {}) };
};

const closing = (s: { note?: string; closedOn?: string }) => ({
  ...(s.note === undefined ? {} : { note: s.note }),
  ...(s.closedOn === undefined ? {} : { closedOn: s.closedOn }),
});

function objectionRequest(s: ObjectionState, today: string): CreditRequest {
  const waiting = OBJECTION_WAITING.includes(s.status);
  return {
    kind: 'objection',
    id: s.objectionId,
    uscc: s.uscc,
    status: s.status,
    on: s.on,
    reason: s.reason,
    target: { kind: s.target.kind },
    ...(waiting ? { next: s.status === 'filed' ? 'accept' : 'decide' } : {}),
    ...dueOf(s.deadlines, waitingDue(waiting, s.deadlines, s.on), today),
    ...closing(s),
  };
}

function repairRequest(s: RepairState, today: string): CreditRequest {
  const waiting = REPAIR_WAITING.includes(s.status);
  return {
    kind: 'repair',
    id: s.repairId,
    uscc: s.uscc,
    status: s.status,
    on: s.on,
    reason: s.reason,
    caseId: s.caseId,
    regime: s.regime,
    ...(waiting ? { next: s.status === 'applied' ? 'accept' : 'decide' } : {}),
    ...dueOf(s.deadlines, waitingDue(waiting, s.deadlines, s.on), today),
    ...closing(s),
  };
}

function overrideRequest(s: OverrideState): CreditRequest {
  return {
    kind: 'override',
    id: s.overrideId,
    uscc: s.uscc,
    status: s.decided === undefined ? 'requested' : s.decided.approved ? 'approved' : 'refused',
    on: s.on,
    reason: s.reason,
    class: s.class,
    computedClass: s.computedClass,
    requestedBy: s.requestedBy,
    ...(s.decided === undefined ? { next: 'decide' } : { note: s.decided.note, closedOn: s.decided.on }),
  };
}

/** A head of one of the three kinds as a request. */
export function requestOf(head: Head, today: string): CreditRequest {
  if (head.stream.startsWith(OBJECTION_STREAMS)) return objectionRequest(head.state as ObjectionState, today);
  if (head.stream.startsWith(REPAIR_STREAMS)) return repairRequest(head.state as RepairState, today);
  if (head.stream.startsWith(OVERRIDE_STREAMS)) return overrideRequest(head.state as OverrideState);
  throw new Error(`${head.stream} is not a credit request`);
}

/** The requests with the entities' names from the agency's directory (one batched read). */
async function named(deps: CreditDeps, agency: string, requests: CreditRequest[]): Promise<CreditRequest[]> {
  const entities = await deps.reader.getMany<{ name: string }>([...new Set(requests.map((r) => entityStream(agency, r.uscc)))]);
  return requests.map((r) => {
    const name = entities.get(entityStream(agency, r.uscc))?.state.name;
    return name === undefined ? r : { ...r, entity: name };
  });
}

export interface RequestQuery {
  uscc?: string;
  status: 'pending' | 'all';
  limit: number;
  cursor?: string;
}

/**
 * The agency's credit requests: without an entity, those waiting for a decision, the earliest due first, a page at a
 * time; with one, that entity's requests (waiting, or all), newest first. An entity outside the directory answers 404.
 */
export async function creditRequests(
  deps: CreditDeps,
  agency: string,
  query: RequestQuery,
): Promise<{ items: CreditRequest[]; cursor?: string }> {
  const today = deps.today();
  if (query.uscc === undefined) {
    if (query.status !== 'pending') throw new RuleViolationError('status', 'every request of every entity is listed per entity: give uscc');
    const page = await deps.reader.list<ObjectionState | RepairState | OverrideState>({
      ...pendingOf(agency),
      limit: query.limit,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    const items = await named(
      deps,
      agency,
      page.items.map((h) => requestOf(h, today)),
    );
    return { items, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
  }
  const uscc = query.uscc;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const heads = await Promise.all(
    [objectionsAbout, repairsAbout, overridesAbout].map((list) =>
      allHeads<ObjectionState | RepairState | OverrideState>(deps, { ...list(agency, uscc), descending: true }),
    ),
  );
  const all = heads
    .flat()
    .map((h) => requestOf(h, today))
    .filter((r) => query.status === 'all' || r.next !== undefined)
    .sort((a, b) => b.on.localeCompare(a.on) || b.id.localeCompare(a.id));
  return { items: await named(deps, agency, all) };
}
