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
import { httpHandler, route } from '#shared/http-handler';
import { assignedInspection, type EntitySummary, worklistPk } from './domain/assign.ts';
import { contracts } from './schemas.ts';

export const http = httpHandler({
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
    return {
      status: 200,
      body: {
        items: (result.Items ?? []).map((i) => JSON.parse(String(unmarshall(i).entry))),
        ...(next === undefined ? {} : { cursor: next }),
      },
    };
  }),
});

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
  const inputs = proof.assignments.map((assignment) => {
    const entity = entities.get(`entity/${task.ownerAgency}/${assignment.entity}`);
    return assignedInspection({
      task,
      drawId: event.data.drawId,
      assignment,
      entity: { uscc: assignment.entity, name: entity?.name ?? '', address: entity?.address ?? '', region: entity?.region ?? '' },
      agencyOf: (id) => agencyOf.get(id) ?? task.ownerAgency,
      correlationId: event.correlationId,
    });
  });
  await store.createMany(inputs);
});

export const handler = contextHandler({ http, events: { 'assign-inspections': assignInspections } });
