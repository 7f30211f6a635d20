import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchGetAll } from '#shared/dynamodb';
import { keyOfMarker } from '../domain/ingest.ts';
import type { IngestMarkers } from '../ports.ts';
import { markerKey } from './table-layout.ts';

/** The (source, id) markers of accepted events, read in batches of 100 (BatchGetItem). */
export class DynamoDbIngestMarkers implements IngestMarkers {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async existing(keys: readonly { source: string; id: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const found = await batchGetAll(
      this.client,
      this.table,
      keys.map((k) => markerKey(k.source, k.id)),
    );
    return new Set(found.map((item) => keyOfMarker({ pk: String(item.pk), sk: String(item.sk) })));
  }
}
