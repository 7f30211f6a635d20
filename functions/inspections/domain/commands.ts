import type { Actor } from '#records/domain/recorded-event';
import { NotFoundError, RuleViolationError, StateConflictError, VersionConflictError } from '#shared/errors';
import { checkUpload, evidenceKey } from '#shared/evidence/evidence-policy';
import { canRead } from '#shared/read-policy';
import { inspectionIndex } from '../adapters/table-layout.ts';
import type { InspectionDeps } from '../ports.ts';
import { inspectionStream } from './assign.ts';
import { type Decision, type EvidenceKind, fromHead, type InspectionState, recordEvidence } from './inspection.ts';

export interface Caller {
  id: string;
  agency: string;
  roles: readonly string[];
  /** An auditor's jurisdiction (a prefix of the division code); '' for anyone else. */
  jurisdiction: string;
  actor: Actor;
  correlationId: string;
}

const STAFF = ['supervisor', 'case-officer', 'legal-reviewer', 'admin', 'auditor'];

/**
 * Team members may act; staff may read as the shared read policy says (the owning agency's, and auditors inside the
 * jurisdiction of the entity's region); anyone else gets a 404 (DESIGN §5).
 */
async function load(deps: InspectionDeps, caller: Caller, inspectionId: string, forWriting: boolean) {
  const head = await deps.store.head(inspectionStream(inspectionId));
  const state = head === undefined ? undefined : fromHead(head.state);
  const onTeam = state?.team.some((m) => m.id === caller.id && m.agency === caller.agency) ?? false;
  const viewer = { agency: caller.agency, auditor: caller.roles.includes('auditor'), jurisdiction: caller.jurisdiction };
  const staffReader =
    !forWriting &&
    caller.roles.some((r) => STAFF.includes(r)) &&
    state !== undefined &&
    canRead(viewer, { agency: state.ownerAgency, region: state.entity.region });
  if (head === undefined || state === undefined || !(onTeam || staffReader)) throw new NotFoundError(`Inspection ${inspectionId}`);
  return { head, state };
}

export async function readInspection(deps: InspectionDeps, caller: Caller, inspectionId: string): Promise<InspectionState> {
  return (await load(deps, caller, inspectionId, false)).state;
}

/**
 * Runs one command: read, decide, append with the expected version. Commands from two team members at once
 * are merged by re-reading and deciding again (a few times); the chain stays whole.
 */
export async function runCommand(
  deps: InspectionDeps,
  caller: Caller,
  inspectionId: string,
  decide: (state: InspectionState) => Decision,
): Promise<InspectionState> {
  for (let attempt = 0; ; attempt += 1) {
    const { head, state } = await load(deps, caller, inspectionId, true);
    const decision = decide(state);
    if (decision.events.length === 0) return decision.state;
    try {
      await deps.store.append({
        stream: inspectionStream(inspectionId),
        expectedVersion: head.version,
        prevHash: head.lastHash,
        events: decision.events,
        actor: caller.actor,
        agency: state.ownerAgency,
        correlationId: caller.correlationId,
        head: { state: decision.state, index: indexOf(decision.state) },
      });
      return decision.state;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= 4) throw error;
    }
  }
}

/** The same index keys the assignment wrote: the owner's inspections by planned date. */
export const indexOf = (state: InspectionState) => inspectionIndex(state);

export async function requestUpload(
  deps: InspectionDeps,
  caller: Caller,
  inspectionId: string,
  request: { kind: EvidenceKind; contentType: string; size: number },
) {
  const { state } = await load(deps, caller, inspectionId, true);
  if (state.status === 'completed') throw new StateConflictError('This inspection is completed; evidence can no longer be added.');
  checkUpload(request.kind, request.contentType, request.size);
  const evidenceId = `ev-${crypto.randomUUID()}`;
  const ticket = await deps.evidence.uploadUrl(evidenceKey(inspectionId, evidenceId), request.contentType, request.size);
  return { evidenceId, ...ticket };
}

/**
 * A short-lived link to one piece of evidence, for whoever may read the inspection (its team, staff of the owning
 * agency), with the SHA-256 recorded at upload so the reader can check what it received.
 */
export async function evidenceDownload(deps: InspectionDeps, caller: Caller, inspectionId: string, evidenceId: string) {
  const { state } = await load(deps, caller, inspectionId, false);
  const found = state.evidence.find((e) => e.evidenceId === evidenceId);
  if (found === undefined) throw new NotFoundError(`Evidence ${evidenceId} of inspection ${inspectionId}`);
  const link = await deps.evidence.downloadUrl(found.key);
  return {
    evidenceId,
    kind: found.kind,
    contentType: found.contentType,
    size: found.size,
    sha256: found.sha256,
    method: 'GET' as const,
    ...link,
  };
}

/** Records an uploaded file with the SHA-256, size and type the server finds, not those the client claims. */
export async function attachEvidence(
  deps: InspectionDeps,
  caller: Caller,
  inspectionId: string,
  input: { evidenceId: string; kind: EvidenceKind; capturedAt: string; caption?: string },
): Promise<InspectionState> {
  await load(deps, caller, inspectionId, true);
  const key = evidenceKey(inspectionId, input.evidenceId);
  const found = await deps.evidence.inspect(key);
  if (found === undefined)
    throw new RuleViolationError('evidenceId', `nothing was uploaded for ${input.evidenceId}; PUT the file to its upload URL first`);
  try {
    checkUpload(input.kind, found.contentType, found.size);
  } catch (error) {
    await deps.evidence.remove(key);
    throw error;
  }
  return runCommand(deps, caller, inspectionId, (state) =>
    recordEvidence(state, {
      evidenceId: input.evidenceId,
      kind: input.kind,
      sha256: found.sha256,
      size: found.size,
      contentType: found.contentType,
      capturedAt: input.capturedAt,
      key,
      ...(input.caption ? { caption: input.caption } : {}),
    }),
  );
}
