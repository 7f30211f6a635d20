import { BatchGetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { DynamoDbEventStore, HEAD_SK, streamKey } from '#records/adapters/dynamodb-event-store';
import { loadProof } from '#sampling/domain/task-commands';
import type { TaskState } from '#sampling/ports';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { dynamodb, tableName } from '#shared/dynamodb';
import type { RouteContract } from '#shared/http-contract';
import { type HttpRequest, httpHandler, route } from '#shared/http-handler';
import { LocalEvidenceStore } from './adapters/local-evidence-store.ts';
import { S3EvidenceStore } from './adapters/s3-evidence-store.ts';
import { assignedInspection, type ChecklistSnapshot, type EntitySummary, inspectionStream, worklistPk } from './domain/assign.ts';
import { attachEvidence, type Caller, readInspection, requestUpload, runCommand } from './domain/commands.ts';
import {
  complete,
  correct,
  fromHead,
  type InspectionState,
  recordAnswers,
  recordFinding,
  recordResult,
  start,
} from './domain/inspection.ts';
import type { EvidenceStore, InspectionDeps } from './ports.ts';
import { contracts } from './schemas.ts';

let wired: InspectionDeps | undefined;
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
  actor: r.actor,
  correlationId: r.correlationId,
});
const ok = (body: unknown) => ({ status: 200, body });
const by = (r: HttpRequest<RouteContract>) => r.principal.id;

export const http = httpHandler({
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
  'GET /inspection-metrics': route(contracts.metrics, async (r) => ok(await mobileShare(r.principal.agency, r.query.from, r.query.to))),
  'GET /worklist': route(contracts.worklist, async (r) => {
    const pk = worklistPk(r.principal.agency, r.principal.id);
    const start = decodeCursor(r.query.cursor, { pk });
    const result = await dynamodb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': pk }),
        Limit: r.query.limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
      }),
    );
    const next = encodeCursor(result.LastEvaluatedKey === undefined ? undefined : unmarshall(result.LastEvaluatedKey));
    // The entry points at the inspection; its current state (status, answers) comes from the head.
    const ids = (result.Items ?? []).map((i) => (JSON.parse(String(unmarshall(i).entry)) as { inspectionId: string }).inspectionId);
    const current = await heads<InspectionState>(ids.map(inspectionStream));
    const items = ids.flatMap((id) => {
      const state = current.get(inspectionStream(id));
      return state === undefined ? [] : [worklistView(fromHead(state))];
    });
    return { status: 200, body: { items, ...(next === undefined ? {} : { cursor: next }) } };
  }),
});

/** What a worklist shows of an inspection: what to do, where, and how far it has got. */
function worklistView(s: InspectionState) {
  const { answers, findings, evidence, corrections, start: begun, result, ...rest } = s;
  return {
    ...rest,
    answered: Object.keys(answers).length,
    findings: findings.length,
    evidence: evidence.length,
    ...(result ? { result: result.result } : {}),
  };
}

/** 掌上执法率: of the completed on-site inspections (a compliant or non-compliant result) in the period, those started on the mobile form. */
async function mobileShare(agency: string, from: string, to: string) {
  let completedOnSite = 0;
  let onMobileForm = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamodb().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: marshall({ ':p': `INSPECTION#${agency}` }),
        ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      const state = fromHead(JSON.parse(String(unmarshall(item).state))) as InspectionState;
      const day = state.completedAt?.slice(0, 10);
      const onSite = state.result?.result === 'compliant' || state.result?.result === 'non-compliant';
      if (state.status !== 'completed' || !onSite || day === undefined || day < from || day > to) continue;
      completedOnSite += 1;
      if (state.start?.channel === 'mobile-form') onMobileForm += 1;
    }
    start = page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey);
  } while (start !== undefined);
  return { agency, from, to, completedOnSite, onMobileForm, mobileShare: completedOnSite === 0 ? 0 : onMobileForm / completedOnSite };
}

async function heads<T>(streams: string[]): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  for (let i = 0; i < streams.length; i += 100) {
    let keys = streams.slice(i, i + 100).map((s) => marshall({ pk: streamKey(s), sk: HEAD_SK }));
    while (keys.length > 0) {
      const { Responses, UnprocessedKeys } = await dynamodb().send(
        new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keys } } }),
      );
      for (const item of Responses?.[tableName()] ?? []) {
        const head = unmarshall(item);
        found.set(String(head.stream), JSON.parse(String(head.state)) as T);
      }
      keys = UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  return found;
}

/** Rule `assign-inspections`: a draw creates one assigned inspection per selected entity (idempotent). */
export const assignInspections = eventConsumer(TaskDrawn.detail, async (detail) => {
  const event = detail as { stream: string; correlationId: string; data: Parameters<typeof loadProof>[1] & { drawId: string } };
  const taskId = event.stream.replace(/^sampling-task\//, '');
  const task = (await heads<TaskState>([event.stream])).get(event.stream);
  if (task === undefined) throw new Error(`task ${taskId} not found`);
  const store = new DynamoDbEventStore(dynamodb(), tableName());
  const proof = await loadProof({ blobs: new DynamoDbBlobStore(dynamodb(), tableName()) }, event.data);
  const agencyOf = new Map(proof.pool.map((p) => [p.id, p.agency]));
  const entities = await heads<EntitySummary>(proof.assignments.map((a) => `entity/${task.ownerAgency}/${a.entity}`));
  const items = await heads<{ code: string; name: string; legalBasis: string; checklist: ChecklistSnapshot['questions'] }>(
    task.items.map((code) => `inspection-item/${code}`),
  );
  const checklists = task.items.flatMap((code) => {
    const item = items.get(`inspection-item/${code}`);
    return item === undefined ? [] : [{ item: code, name: item.name, legalBasis: item.legalBasis, questions: item.checklist }];
  });
  const inputs = proof.assignments.map((assignment) => {
    const entity = entities.get(`entity/${task.ownerAgency}/${assignment.entity}`);
    return assignedInspection({
      task,
      drawId: event.data.drawId,
      assignment,
      entity: { uscc: assignment.entity, name: entity?.name ?? '', address: entity?.address ?? '', region: entity?.region ?? '' },
      checklists,
      agencyOf: (id) => agencyOf.get(id) ?? task.ownerAgency,
      correlationId: event.correlationId,
    });
  });
  await store.createMany(inputs);
});

export const handler = contextHandler({ http, events: { 'assign-inspections': assignInspections } });
