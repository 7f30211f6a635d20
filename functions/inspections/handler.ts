import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import type { ConsumerOf, RouteKeyOf } from '#infra/topology';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { loadProof } from '#sampling/published';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { DynamoDbInspectionReads } from './adapters/dynamodb-inspection-reads.ts';
import { LocalEvidenceStore } from './adapters/local-evidence-store.ts';
import { S3EvidenceStore } from './adapters/s3-evidence-store.ts';
import { assignFromDraw } from './domain/assign-from-draw.ts';
import { attachEvidence, type Caller, evidenceDownload, readInspection, requestUpload, runCommand } from './domain/commands.ts';
import { complete, correct, recordAnswers, recordFinding, recordResult, start } from './domain/inspection.ts';
import { mobileShare, worklistView } from './domain/reporting.ts';
import type { EvidenceStore, InspectionDeps } from './ports.ts';
import { contracts } from './schemas.ts';

let wired: InspectionDeps | undefined;
let inspectionReads: DynamoDbInspectionReads | undefined;
const reads = () => {
  inspectionReads ??= new DynamoDbInspectionReads(dynamodb(), tableName());
  return inspectionReads;
};
const deps = (): InspectionDeps => {
  wired ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    evidence: evidenceStore(),
    clock: () => new Date(),
  };
  return wired;
};

/** S3 in AWS; in the local runtime a folder and signed upload tickets served by the runtime itself. */
function evidenceStore(): EvidenceStore {
  const bucket = process.env.EVIDENCE_BUCKET;
  if (bucket !== undefined && bucket !== '') return new S3EvidenceStore(bucket);
  const dir = process.env.EVIDENCE_DIR;
  if (dir === undefined) throw new Error('EVIDENCE_BUCKET or EVIDENCE_DIR must be set');
  return new LocalEvidenceStore(dir, process.env.LOCAL_PUBLIC_URL ?? '', process.env.LOCAL_UPLOAD_SECRET ?? '');
}

const caller = (r: HttpRequest<RouteContract>): Caller => ({
  id: r.principal.id,
  agency: r.principal.agency,
  roles: r.principal.roles,
  jurisdiction: r.principal.roles.includes('auditor') ? r.principal.jurisdiction : '',
  actor: r.actor,
  correlationId: r.correlationId,
});
const ok = (body: unknown) => ({ status: 200, body });
const by = (r: HttpRequest<RouteContract>) => r.principal.id;

export const http = httpHandler<RouteKeyOf<'inspections'>>({
  'GET /inspections/{id}': route(contracts.getInspection, async (r) => ok(await readInspection(deps(), caller(r), r.params.id))),
  'POST /inspections/{id}/start': route(contracts.start, async (r) => {
    const { at, ...input } = r.body;
    return ok(await runCommand(deps(), caller(r), r.params.id, (state) => start(state, { at, ...input }, by(r))));
  }),
  'POST /inspections/{id}/answers': route(contracts.answers, async (r) =>
    ok(await runCommand(deps(), caller(r), r.params.id, (state) => recordAnswers(state, r.body.answers, r.body.at, by(r)))),
  ),
  'POST /inspections/{id}/findings': route(contracts.findings, async (r) =>
    ok(
      await runCommand(deps(), caller(r), r.params.id, (state) =>
        recordFinding(state, { findingId: r.body.findingId, text: r.body.text }, r.body.at, by(r)),
      ),
    ),
  ),
  'POST /inspections/{id}/result': route(contracts.result, async (r) =>
    ok(
      await runCommand(deps(), caller(r), r.params.id, (state) =>
        recordResult(state, { result: r.body.result, summary: r.body.summary }, r.body.at),
      ),
    ),
  ),
  'POST /inspections/{id}/complete': route(contracts.complete, async (r) =>
    ok(await runCommand(deps(), caller(r), r.params.id, (state) => complete(state, r.body.at))),
  ),
  'POST /inspections/{id}/corrections': route(contracts.corrections, async (r) => {
    const { at, ...correction } = r.body;
    return ok(await runCommand(deps(), caller(r), r.params.id, (state) => correct(state, correction, at, by(r))));
  }),
  'POST /inspections/{id}/uploads': route(contracts.upload, async (r) => ok(await requestUpload(deps(), caller(r), r.params.id, r.body))),
  'POST /inspections/{id}/evidence': route(contracts.evidence, async (r) =>
    ok(await attachEvidence(deps(), caller(r), r.params.id, r.body)),
  ),
  'GET /inspections/{id}/evidence/{evidenceId}': route(contracts.download, async (r) =>
    ok(await evidenceDownload(deps(), caller(r), r.params.id, r.params.evidenceId)),
  ),
  'GET /inspection-metrics': route(contracts.metrics, async (r) =>
    ok(await mobileShare(r.principal.agency, r.query.from, r.query.to, reads().ofAgency(r.principal.agency))),
  ),
  'GET /worklist': route(contracts.worklist, async (r) => {
    const page = await reads().worklist(r.principal.agency, r.principal.id, r.query.limit, r.query.cursor);
    return ok({ items: page.items.map(worklistView), ...(page.cursor === undefined ? {} : { cursor: page.cursor }) });
  }),
});

/** Rule `assign-inspections`: a draw creates one assigned inspection per selected entity (idempotent). */
export const assignInspections = eventConsumer(TaskDrawn, async (event) => {
  const blobs = new DynamoDbBlobStore(dynamodb(), tableName());
  await assignFromDraw(
    { store: deps().store, heads: (streams) => reads().heads(streams), proof: (draw) => loadProof({ blobs }, draw) },
    event,
  );
});

export const handler = contextHandler<ConsumerOf<'inspections'>>({ http, events: { 'assign-inspections': assignInspections } });
