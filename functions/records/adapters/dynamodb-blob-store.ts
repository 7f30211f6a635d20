import { type DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { batchPutAll } from '#shared/dynamodb';
import { blobKey } from './table-layout.ts';

/** DynamoDB items hold at most 400 KB; documents larger than that (draw proofs, populations) are split. */
const CHUNK_BYTES = 300 * 1024;

function itemsOf(key: string, data: Buffer): Record<string, unknown>[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < data.length || chunks.length === 0; offset += CHUNK_BYTES)
    chunks.push(data.subarray(offset, offset + CHUNK_BYTES));
  return chunks.map((chunk, i) => ({ pk: blobKey(key), sk: String(i).padStart(6, '0'), data: chunk, chunks: chunks.length }));
}

/**
 * Write-once documents kept in the table as numbered chunks under one partition. A document is written before
 * the event that names it, so a reader only ever looks up a complete one.
 */
export class DynamoDbBlobStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async put(key: string, data: Buffer): Promise<void> {
    await batchPutAll(this.client, this.table, itemsOf(key, data));
  }

  /** Many documents in as few batch writes as the table allows. */
  async putAll(documents: readonly { key: string; data: string }[]): Promise<void> {
    await batchPutAll(
      this.client,
      this.table,
      documents.flatMap((d) => itemsOf(d.key, Buffer.from(d.data, 'utf8'))),
    );
  }

  async getText(key: string): Promise<string | undefined> {
    return (await this.get(key))?.toString('utf8');
  }

  async get(key: string): Promise<Buffer | undefined> {
    const parts: Buffer[] = [];
    let expected = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': blobKey(key) }),
          ConsistentRead: true,
          ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
        }),
      );
      for (const item of page.Items ?? []) {
        const chunk = unmarshall(item);
        expected = Number(chunk.chunks);
        parts.push(Buffer.from(chunk.data as Uint8Array));
      }
      start = page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey);
    } while (start !== undefined);
    if (parts.length === 0) return undefined;
    if (parts.length !== expected) throw new Error(`blob ${key} is incomplete: ${parts.length} of ${expected} chunks`);
    return Buffer.concat(parts);
  }
}
