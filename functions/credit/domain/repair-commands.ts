import { caseStream, publicationStream } from '#cases/adapters/table-layout';
import { entityStream } from '#directory/adapters/table-layout';
import { NotFoundError, RuleViolationError, StateConflictError } from '#shared/errors';
import { repairIndex, repairStream, repairsAbout } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { nextDue, waitingDue } from './credit-clocks.ts';
import { creditFactsAbout } from './credit-reads.ts';
import { stepOnStream } from './credit-streams.ts';
import type { CreditWriter } from './listing-commands.ts';
import { creditProfile } from './profile.ts';
import {
  acceptRepair,
  applyRepair,
  checkRepair,
  decideRepair,
  REPAIR_WAITING,
  type RepairField,
  type RepairState,
  type RepairSubject,
} from './repairs.ts';
import type { PenaltyType } from './rules.ts';

/** A repair's head index: by entity, on the clock index at its next open deadline, and on the agency's pending list while it waits. */
export const repairHeadIndex = (state: RepairState) =>
  repairIndex(state, nextDue(state.deadlines), waitingDue(REPAIR_WAITING.includes(state.status), state.deadlines, state.on));

/** What credit reads of a case and its publication (the cases context's records). */
interface CaseHead {
  entity: string;
  decision?: { on: string; penalty: { types: PenaltyType[] } };
}
interface PublicationHead {
  publishedOn: string;
  status: string;
  period: string;
  takedownOn: string;
  endedOn?: string;
}

/**
 * An officer records the entity's application for repair of a decision of the agency about it, under the agency's rule
 * set (CREDIT_REPAIR_REGIME): 409 with the article (and the earliest day) when the rules do not allow it yet or at all.
 */
export async function applyRepairOf(
  deps: CreditDeps,
  who: CreditWriter,
  uscc: string,
  body: { caseId: string; field: RepairField; reason: string; obligationsPerformed: boolean; harmRemoved: boolean },
): Promise<RepairState> {
  const agency = who.actor.agency;
  if ((await deps.reader.get(entityStream(agency, uscc))) === undefined)
    throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  const [kase, publication] = await Promise.all([
    deps.reader.get<CaseHead>(caseStream(body.caseId)),
    deps.reader.get<PublicationHead>(publicationStream(body.caseId)),
  ]);
  if (kase === undefined || kase.agency !== agency || kase.state.entity !== uscc) {
    throw new RuleViolationError('caseId', `case ${body.caseId} is not a case of your agency about this entity`);
  }
  const decision = kase.state.decision;
  if (decision === undefined) throw new StateConflictError(`Case ${body.caseId} has no decision to repair.`);
  const facts = await creditFactsAbout(deps, agency, uscc);
  const profile = creditProfile(facts, deps.today(), undefined, deps.settings.profile);
  const sameKind = facts
    .filter((f) => f.kind === 'penalty' && f.on > decision.on && f.decision !== caseStream(body.caseId))
    .filter((f) => f.kind === 'penalty' && f.types.some((t) => decision.penalty.types.includes(t)))
    .map((f) => f.on)
    .sort();
  const subject: RepairSubject = {
    decision: { on: decision.on, types: decision.penalty.types },
    ...(publication === undefined ? {} : { publication: publication.state }),
    ...(sameKind[0] === undefined ? {} : { sameKindSince: sameKind[0] }),
    listed: profile.listings.map((l) => l.list),
  };
  const regime = deps.settings.repairRegime;
  const allowed = checkRepair(regime, body.field, subject, body, deps.today());
  const open = await deps.reader.list<RepairState>({ ...repairsAbout(agency, uscc), limit: 100 });
  const running = open.items.find((r) => r.state.caseId === body.caseId && (r.state.status === 'applied' || r.state.status === 'accepted'));
  if (running !== undefined)
    throw new StateConflictError(`A repair application for this case is open already (${running.state.repairId}).`);
  const applied = applyRepair(
    {
      repairId: `repair-${crypto.randomUUID()}`,
      agency,
      uscc,
      caseId: body.caseId,
      regime,
      field: body.field,
      ...(allowed.severity === undefined ? {} : { severity: allowed.severity }),
      publishedOn: subject.publication?.publishedOn ?? '',
      earliest: allowed.earliest,
      reason: body.reason,
      on: deps.today(),
    },
    deps.calendar,
    deps.settings.clocks,
  );
  await deps.store.append({
    stream: repairStream(applied.state.repairId),
    expectedVersion: 0,
    events: applied.events,
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state: applied.state, index: repairHeadIndex(applied.state) },
  });
  return applied.state;
}

const repairTarget = (repairId: string) => ({
  stream: repairStream(repairId),
  what: `Repair application ${repairId}`,
  index: repairHeadIndex,
});

/** Accepts (受理) a repair application, or does not. */
export const acceptRepairOf = (deps: CreditDeps, who: CreditWriter, repairId: string, body: { accept: boolean; note: string }) =>
  stepOnStream<RepairState>(deps, who, repairTarget(repairId), (state) =>
    acceptRepair(state, { ...body, today: deps.today() }, deps.calendar, deps.settings.clocks),
  );

/** Grants, refuses or (NDRC Order 36, once) extends an accepted application. */
export const decideRepairOf = (
  deps: CreditDeps,
  who: CreditWriter,
  repairId: string,
  body: { outcome: 'grant' | 'refuse' | 'extend'; note: string },
) =>
  stepOnStream<RepairState>(deps, who, repairTarget(repairId), (state) =>
    decideRepair(state, { ...body, today: deps.today() }, deps.calendar, deps.settings.clocks),
  );
