import { BatchGetItemCommand, type DynamoDBClient, GetItemCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { classesOf } from '#credit/adapters/table-layout';
import {
  entitiesByIndustry,
  entitiesByRegion,
  inspectionItemStream,
  inspectionItemsOf,
  inspectorsOf,
  ownersMarker,
} from '#directory/adapters/table-layout';
import { inspectionsOf } from '#inspections/adapters/table-layout';
import { HEAD_SK, streamKey } from '#records/adapters/dynamodb-event-store';
import { walkLists } from '#records/domain/list-walk';
import { decodeCursor, encodeCursor } from '#shared/cursor';
import { queryAll } from '#shared/dynamodb';
import { taskStream } from '../domain/task-commands.ts';
import type {
  ClassHead,
  EntityRow,
  InspectionOutcome,
  PoolMember,
  PopulationFilter,
  SamplingReads,
  StoredTask,
  TaskState,
} from '../ports.ts';
import { recentInspectors } from './inspected-markers.ts';
import { drawnMarkerPartition, publicTasks, seedKey, tasksOf } from './table-layout.ts';

/** Sampling's reads of the one table: task heads, directory heads through their indexes, markers, the seed. */
export class DynamoDbSamplingReads implements SamplingReads {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async task(taskId: string): Promise<StoredTask | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: streamKey(taskStream(taskId)), sk: HEAD_SK }),
        ConsistentRead: true,
      }),
    );
    if (Item === undefined) return undefined;
    const head = unmarshall(Item);
    return { state: JSON.parse(String(head.state)) as TaskState, version: Number(head.version), lastHash: String(head.lastHash) };
  }

  tasksOf(agency: string, limit: number, cursor?: string) {
    return this.taskPage(tasksOf(agency), limit, cursor);
  }

  /** The public list, newest first, across its year partitions (table-layout.ts). */
  publicTasks(limit: number, cursor?: string) {
    return walkLists(publicTasks(new Date()), (partition, n, at) => this.taskPage(partition, n, at), limit, cursor);
  }

  private async taskPage({ index, partition }: { index: 'gsi1' | 'gsi2'; partition: string }, limit: number, cursor?: string) {
    const start = decodeCursor(cursor, { [`${index}pk`]: partition });
    const page = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :p`,
        ExpressionAttributeValues: marshall({ ':p': partition }),
        ScanIndexForward: false,
        Limit: limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
      }),
    );
    const next = encodeCursor(page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey));
    return {
      items: (page.Items ?? []).map((i) => JSON.parse(String(unmarshall(i).state)) as TaskState),
      ...(next === undefined ? {} : { cursor: next }),
    };
  }

  private states(input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<Record<string, unknown>> {
    return queryAll(this.client, { ...input, TableName: this.table });
  }

  async ownedItemCodes(agency: string): Promise<string[]> {
    const codes: string[] = [];
    for await (const item of this.states({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      FilterExpression: 'contains(owners, :o)',
      ExpressionAttributeValues: marshall({ ':p': inspectionItemsOf(agency).partition, ':o': ownersMarker([agency]) }),
    })) {
      codes.push(String(item.gsi1sk));
    }
    return codes;
  }

  async population(agency: string, filter: PopulationFilter): Promise<EntityRow[]> {
    const byIndustry = filter.industry !== undefined;
    const index = byIndustry ? 'gsi2' : 'gsi1';
    const rows: EntityRow[] = [];
    const values: Record<string, string> = {
      ':p': (byIndustry ? entitiesByIndustry(agency, filter.industry ?? '') : entitiesByRegion(agency)).partition,
    };
    if (filter.regionPrefix !== undefined) values[':r'] = filter.regionPrefix;
    for await (const item of this.states({
      IndexName: index,
      KeyConditionExpression: `${index}pk = :p${filter.regionPrefix === undefined ? '' : ` AND begins_with(${index}sk, :r)`}`,
      ExpressionAttributeValues: marshall(values),
      ProjectionExpression: '#s',
      ExpressionAttributeNames: { '#s': 'state' },
    })) {
      const state = JSON.parse(String(item.state)) as { uscc: string; creditClass: EntityRow['nationalClass']; flags: string[] };
      rows.push({ uscc: state.uscc, nationalClass: state.creditClass, flags: state.flags });
    }
    return rows;
  }

  async classes(agency: string): Promise<Map<string, ClassHead>> {
    const { index, partition } = classesOf(agency);
    const classes = new Map<string, ClassHead>();
    for await (const item of this.states({
      IndexName: index,
      KeyConditionExpression: `${index}pk = :p`,
      ExpressionAttributeValues: marshall({ ':p': partition }),
      ProjectionExpression: '#s, #v',
      ExpressionAttributeNames: { '#s': 'state', '#v': 'version' },
    })) {
      const state = JSON.parse(String(item.state)) as { uscc: string; class: ClassHead['class'] };
      classes.set(state.uscc, { class: state.class, version: Number(item.version) });
    }
    return classes;
  }

  async ownedItems(agency: string, codes: readonly string[]): Promise<Map<string, number>> {
    const owned = new Map<string, number>();
    const unique = [...new Set(codes)];
    if (unique.length === 0) return owned;
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [this.table]: { Keys: unique.map((code) => marshall({ pk: streamKey(inspectionItemStream(code)), sk: HEAD_SK })) },
        },
      }),
    );
    for (const item of Responses?.[this.table] ?? []) {
      const state = JSON.parse(String(unmarshall(item).state)) as { code: string; owningAgencies: string[]; checklist: unknown };
      if (state.owningAgencies.includes(agency)) owned.set(state.code, Buffer.byteLength(JSON.stringify(state.checklist)));
    }
    return owned;
  }

  async itemNames(codes: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const unique = [...new Set(codes)].slice(0, 100);
    if (unique.length === 0) return names;
    const { Responses } = await this.client.send(
      new BatchGetItemCommand({
        RequestItems: {
          [this.table]: {
            Keys: unique.map((code) => marshall({ pk: streamKey(inspectionItemStream(code)), sk: HEAD_SK })),
            ProjectionExpression: '#s',
            ExpressionAttributeNames: { '#s': 'state' },
          },
        },
      }),
    );
    for (const item of Responses?.[this.table] ?? []) {
      const state = JSON.parse(String(unmarshall(item).state)) as { code: string; name: string };
      names.set(state.code, state.name);
    }
    return names;
  }

  async inspectorPool(agencies: readonly string[]): Promise<PoolMember[]> {
    const pool: PoolMember[] = [];
    for (const agency of agencies) {
      for await (const item of this.states({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: marshall({ ':p': inspectorsOf(agency).partition }),
      })) {
        const state = JSON.parse(String(item.state)) as { id: string; conflicts: string[] };
        pool.push({ id: state.id, agency: String(item.agency), conflicts: state.conflicts });
      }
    }
    return pool;
  }

  async drawnThisYear(agency: string, items: readonly string[], year: number): Promise<Map<string, string>> {
    const drawn = new Map<string, string>();
    for (const code of items) {
      for await (const item of this.states({
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: marshall({ ':p': drawnMarkerPartition(agency, code, year) }),
        ConsistentRead: true,
      })) {
        if (!drawn.has(String(item.sk))) drawn.set(String(item.sk), code);
      }
    }
    return drawn;
  }

  async recentInspectors(entities: readonly string[], since: string): Promise<Map<string, Set<string>>> {
    return recentInspectors(this.client, this.table, entities, since);
  }

  async inspectionResults(task: TaskState): Promise<InspectionOutcome[]> {
    const outcomes: InspectionOutcome[] = [];
    for await (const item of this.states({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :t)',
      ExpressionAttributeValues: marshall({
        ':p': inspectionsOf(task.ownerAgency).partition,
        ':t': `${task.period.start}#${task.id}~`,
      }),
    })) {
      const s = JSON.parse(String(item.state)) as {
        entity: { uscc: string; name: string };
        status: string;
        result?: { result: string };
        completedAt?: string;
      };
      outcomes.push({
        uscc: s.entity.uscc,
        name: s.entity.name,
        status: s.status,
        ...(s.status === 'completed' && s.result ? { result: s.result.result, completedAt: s.completedAt } : {}),
      });
    }
    return outcomes;
  }

  async seed(taskId: string): Promise<Buffer | undefined> {
    const { Item } = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: marshall(seedKey(taskId)), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : Buffer.from(String(unmarshall(Item).seed), 'hex');
  }
}
