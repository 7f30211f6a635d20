import { type DynamoDBClient, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { HEAD_SK, streamKey } from './dynamodb-event-store.ts';

export interface ScannedHead {
  stream: string;
  agency: string;
  version: number;
  state: unknown;
  /** The head's index keys (`gsi1pk` … `gsi3sk`). */
  index: Record<string, string>;
}

const INDEX_KEYS = ['gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

/**
 * Every stream head of the table, read by a parallel scan (an operator's tool: `npm run rebuild-heads`). Heads are
 * the items whose sort key is HEAD; their state is the JSON the event store wrote.
 */
export async function* scanHeads(client: DynamoDBClient, table: string, segments = 4): AsyncGenerator<ScannedHead[]> {
  const cursors: (Record<string, unknown> | undefined | 'done')[] = new Array(segments).fill(undefined);
  while (cursors.some((c) => c !== 'done')) {
    const pages = await Promise.all(
      cursors.map(async (cursor, segment) => {
        if (cursor === 'done') return [];
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            Segment: segment,
            TotalSegments: segments,
            FilterExpression: 'sk = :head',
            ExpressionAttributeValues: marshall({ ':head': HEAD_SK }),
            ...(cursor === undefined ? {} : { ExclusiveStartKey: marshall(cursor) }),
          }),
        );
        cursors[segment] = page.LastEvaluatedKey === undefined ? 'done' : unmarshall(page.LastEvaluatedKey);
        return (page.Items ?? []).map((raw) => {
          const item = unmarshall(raw);
          return {
            stream: String(item.stream),
            agency: String(item.agency ?? ''),
            version: Number(item.version),
            state: typeof item.state === 'string' ? JSON.parse(item.state) : undefined,
            index: Object.fromEntries(INDEX_KEYS.flatMap((k) => (typeof item[k] === 'string' ? [[k, item[k] as string]] : []))),
          };
        });
      }),
    );
    yield pages.flat();
  }
}

/**
 * Writes a refolded state to a head, and the index keys derived from it when given (those it no longer has are
 * removed), only if no event was appended since it was read (same version).
 */
export async function rewriteHead(
  client: DynamoDBClient,
  table: string,
  head: ScannedHead,
  state: unknown,
  index?: Record<string, string>,
): Promise<boolean> {
  const set = Object.entries(index ?? {}).filter(([k]) => (INDEX_KEYS as readonly string[]).includes(k));
  const removed = index === undefined ? [] : INDEX_KEYS.filter((k) => head.index[k] !== undefined && index[k] === undefined);
  const names = Object.fromEntries([...set.map(([k]) => k), ...removed].map((k) => [`#${k}`, k]));
  const values = Object.fromEntries(set.map(([k, v]) => [`:${k}`, v]));
  const update = [
    `SET #state = :state${set.map(([k]) => `, #${k} = :${k}`).join('')}`,
    ...(removed.length === 0 ? [] : [`REMOVE ${removed.map((k) => `#${k}`).join(', ')}`]),
  ].join(' ');
  try {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: marshall({ pk: streamKey(head.stream), sk: HEAD_SK }),
        UpdateExpression: update,
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: { '#state': 'state', ...names },
        ExpressionAttributeValues: marshall({ ':state': JSON.stringify(state), ':version': head.version, ...values }),
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
