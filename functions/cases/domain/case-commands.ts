import { entityStream } from '#directory/adapters/table-layout';
import { inspectionStream } from '#inspections/adapters/table-layout';
import type { Actor } from '#records/domain/recorded-event';
import { chinaDay } from '#shared/calendar';
import { NotFoundError, RuleViolationError, VersionConflictError } from '#shared/errors';
import { checkUpload } from '#shared/evidence/evidence-policy';
import type { CaseDeps } from '../ports.ts';
import { caseEvidenceKey, caseView, readableCase, timelineNdjson } from './case-reads.ts';
import type { CaseOpening, CaseRecord } from './case-record.ts';
import { openCase } from './case-record.ts';
import { type CommandInput, decideOnTheSpot, type Found, give } from './commands.ts';
import type { ProposedPenalty } from './legal-rules.ts';
import { type CaseCommand, isCaseRole } from './lifecycle.ts';
import { appendCase } from './workflows.ts';

/** Who gives a command: the actor recorded on its events, and the roles the lifecycle checks. */
export interface CaseWriter {
  actor: Actor;
  roles: readonly string[];
}

/**
 * Ids taken from a body are checked against the caller like path ids (DESIGN §5, BOLA): an entity must be in the
 * caller's agency's directory, and an inspection one the caller was on the team of; anything else answers 404.
 */
async function entityOfAgency(deps: Pick<CaseDeps, 'reader'>, agency: string, uscc: string) {
  const entity = await deps.reader.get<{ region: string; name?: string }>(entityStream(agency, uscc));
  if (entity === undefined) throw new NotFoundError(`Entity ${uscc} (in your agency's directory)`);
  return entity.state;
}

async function inspectionOfCaller(deps: Pick<CaseDeps, 'reader'>, who: Actor, inspectionId: string, uscc: string): Promise<void> {
  const inspection = await deps.reader.get<{ team: { id: string; agency: string }[]; entity: { uscc: string } }>(
    inspectionStream(inspectionId),
  );
  const onTeam = inspection?.state.team.some((m) => m.id === who.id && m.agency === who.agency) ?? false;
  if (inspection === undefined || !onTeam) throw new NotFoundError(`Inspection ${inspectionId}`);
  if (inspection.state.entity.uscc !== uscc) {
    throw new RuleViolationError('inspectionId', `inspection ${inspectionId} is of entity ${inspection.state.entity.uscc}, not ${uscc}`);
  }
}

type Complaint = Pick<CaseOpening, 'entity' | 'party' | 'summary'> & { ref: string };

/** A clue (线索) a case officer enters: a complaint about an entity of the agency's directory. */
export async function openComplaint(deps: CaseDeps, who: CaseWriter, clue: Complaint, correlationId: string) {
  const entity = await entityOfAgency(deps, who.actor.agency, clue.entity);
  const opened = openCase({
    caseId: `case-${crypto.randomUUID()}`,
    agency: who.actor.agency,
    jurisdiction: entity.region,
    entity: clue.entity,
    party: clue.party,
    source: { kind: 'complaint', ref: clue.ref },
    summary: clue.summary,
    clueOn: deps.today(),
  });
  await appendCase(deps, opened.state, { expectedVersion: 0, events: opened.events, actor: who.actor, correlationId });
  return caseView(deps, opened.state, deps.today());
}

/** 简易程序: decided and served on the spot, from an inspection the caller was on or from a complaint. */
export async function decideSimple(
  deps: CaseDeps,
  who: CaseWriter,
  input: Pick<CaseOpening, 'entity' | 'party' | 'summary'> & { penalty: ProposedPenalty; inspectionId: string },
  correlationId: string,
) {
  const entity = await entityOfAgency(deps, who.actor.agency, input.entity);
  if (input.inspectionId !== '') await inspectionOfCaller(deps, who.actor, input.inspectionId, input.entity);
  const decided = decideOnTheSpot(
    {
      caseId: `case-${crypto.randomUUID()}`,
      agency: who.actor.agency,
      jurisdiction: entity.region,
      entity: input.entity,
      party: input.party,
      source: { kind: input.inspectionId === '' ? 'complaint' : 'inspection', ref: input.inspectionId },
      summary: input.summary,
      clueOn: deps.today(),
      penalty: input.penalty,
    },
    deps.today(),
  );
  await appendCase(deps, decided.state, { expectedVersion: 0, events: decided.events, actor: who.actor, correlationId });
  return caseView(deps, decided.state, deps.today());
}

/**
 * One lifecycle step on a case of the caller's agency. Two commands at once: one wins, the other gets 409 with the
 * current version; the chain stays whole.
 */
export async function giveCommand<C extends CaseCommand>(
  deps: CaseDeps,
  who: CaseWriter,
  caseId: string,
  command: C,
  input: CommandInput<C>,
  correlationId: string,
) {
  const current = await readableCase(deps, { id: who.actor.id, role: who.actor.role, agency: who.actor.agency }, caseId);
  const roles = who.roles.filter(isCaseRole);
  const found = await lookUp(deps, current.state, command, input, current.lastHash);
  const now = deps.now?.() ?? `${deps.today()}T12:00:00+08:00`;
  const decided = give(
    current.state,
    command,
    input,
    { id: who.actor.id, roles },
    { today: deps.today(), now, calendar: deps.calendar },
    deps.settings,
    found,
  );
  await appendCase(deps, decided.state, {
    expectedVersion: current.version,
    events: decided.events,
    actor: who.actor,
    correlationId,
    prevHash: current.lastHash,
  });
  return caseView(deps, decided.state, deps.today());
}

/**
 * What a command needs from outside the case, read before it is decided: the photos a measure lists, hashed by the
 * server from what was uploaded (never what the client claims); for a transfer, the timeline's export as it stands.
 */
async function lookUp<C extends CaseCommand>(
  deps: CaseDeps,
  c: CaseRecord,
  command: C,
  input: CommandInput<C>,
  headHash: string,
): Promise<Found> {
  if (command === 'take-measure' || command === 'preserve-evidence') {
    const ids = [...new Set((input as CommandInput<'preserve-evidence'>).items.flatMap((i) => i.photos))];
    const found = await Promise.all(ids.map((id) => deps.evidence.inspect(caseEvidenceKey(c.caseId, id))));
    const photos = new Map(
      ids.flatMap((evidenceId, i) => (found[i] === undefined ? [] : [[evidenceId, { evidenceId, ...found[i] }] as const])),
    );
    return { photos };
  }
  if (command === 'transfer') {
    const file = await timelineNdjson(deps, c);
    const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(file.text))).toString('hex');
    return { file: { events: file.events, headHash, sha256, bytes: Buffer.byteLength(file.text) } };
  }
  return {};
}

/**
 * Step 1 of 2 of a photo for a measure's list (as an inspection's evidence): an upload URL for one photo of the case.
 * Step 2 is naming its id in the measure's items; the server then hashes what arrived.
 */
export async function requestCaseUpload(deps: CaseDeps, who: CaseWriter, caseId: string, request: { contentType: string; size: number }) {
  const current = await readableCase(deps, { id: who.actor.id, role: who.actor.role, agency: who.actor.agency }, caseId);
  if (current.state.agency !== who.actor.agency) throw new NotFoundError(`Case ${caseId}`); // an auditor reads, never uploads
  checkUpload('photo', request.contentType, request.size);
  const evidenceId = `ev-${crypto.randomUUID()}`;
  const ticket = await deps.evidence.uploadUrl(caseEvidenceKey(caseId, evidenceId), request.contentType, request.size);
  return { evidenceId, ...ticket };
}

/**
 * A case opened in the clue state by another context's event, once: its id is made from the source, so a redelivery
 * finds it there. The party is the entity as the directory has it.
 */
async function openClueOnce(
  deps: CaseDeps,
  clue: Pick<CaseOpening, 'caseId' | 'agency' | 'entity' | 'source' | 'summary' | 'clueOn'>,
  by: string,
  correlationId: string,
): Promise<void> {
  const entity = (await deps.reader.get<{ name: string; region: string }>(entityStream(clue.agency, clue.entity)))?.state;
  const opened = openCase({
    ...clue,
    jurisdiction: entity?.region ?? '',
    party: { kind: 'organisation', name: entity?.name ?? clue.entity },
  });
  try {
    const actor = { id: by, role: 'system', agency: clue.agency };
    await appendCase(deps, opened.state, { expectedVersion: 0, events: opened.events, actor, correlationId });
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error; // delivered again: the case exists
  }
}

/** A risk alert disposed of by a case clue opens that case, with the alert as its source (the id the disposal named). */
export async function openFromAlert(
  deps: CaseDeps,
  clue: { agency: string; caseId: string; alertId: string; entity: string; summary: string; on: string },
  correlationId: string,
): Promise<void> {
  const { agency, caseId, alertId, entity, summary, on } = clue;
  await openClueOnce(
    deps,
    { caseId, agency, entity, source: { kind: 'alert', ref: alertId }, summary, clueOn: on },
    'risk-alerts',
    correlationId,
  );
}

/** A non-compliant inspection's clue opens a case, once: its id follows the inspection, so a redelivery finds it. */
export async function openFromInspection(
  deps: CaseDeps,
  clue: { agency: string; entity: string; inspectionId: string; summary: string; occurredAt: string },
  correlationId: string,
): Promise<void> {
  const { agency, entity, inspectionId, summary } = clue;
  await openClueOnce(
    deps,
    {
      caseId: `case-${inspectionId}`,
      agency,
      entity,
      source: { kind: 'inspection', ref: inspectionId },
      summary,
      clueOn: chinaDay(clue.occurredAt),
    },
    'inspections',
    correlationId,
  );
}
