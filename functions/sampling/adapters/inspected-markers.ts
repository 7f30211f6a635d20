import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import pLimit from 'p-limit';
import { queryAll } from '#shared/dynamodb';
import { inspectedMarkerPartition } from './table-layout.ts';

/**
 * Who inspected (or was assigned to) each entity since a time: the 回避 conflict markers (DESIGN §6). The draw reads
 * them, and so does a risk alert's targeted inspection; this is the one reader of them.
 */
export async function recentInspectors(
  client: DynamoDBClient,
  table: string,
  entities: readonly string[],
  since: string,
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const limit = pLimit(16);
  const read = async (entity: string) => {
    for await (const item of queryAll(client, {
      TableName: table,
      KeyConditionExpression: 'pk = :p AND sk >= :since',
      ExpressionAttributeValues: marshall({ ':p': inspectedMarkerPartition(entity), ':since': since }),
    })) {
      found.set(entity, new Set([...(found.get(entity) ?? []), String(item.inspector)]));
    }
  };
  await Promise.all(entities.map((entity) => limit(() => read(entity))));
  return found;
}
