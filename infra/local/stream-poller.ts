import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

export interface PollerOptions {
  client: DynamoDBClient;
  endpoint: string;
  table: string;
  /** The outbox publisher handler, invoked as Lambda's event source mapping would. */
  deliver: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | undefined>;
  /** Keeps the last published sequence number per shard so a restart does not republish everything. */
  checkpointFile?: string;
  batchSize?: number;
  idleDelayMs?: number;
  log?: (line: string) => void;
}

interface ShardState {
  iterator?: string;
  lastSequence?: string;
  closed: boolean;
}

/** Polls the DynamoDB Local stream of the table and feeds the same outbox handler Lambda would. */
export class StreamPoller {
  private readonly streams: DynamoDBStreamsClient;
  private readonly shards = new Map<string, ShardState>();
  private streamArn = '';
  private running = false;
  private loop: Promise<void> | undefined;
  private lastDiscovery = 0;
  private inFlight = 0;

  constructor(private readonly options: PollerOptions) {
    this.streams = new DynamoDBStreamsClient({
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  }

  async start(): Promise<void> {
    const { Table } = await this.options.client.send(new DescribeTableCommand({ TableName: this.options.table }));
    if (Table?.LatestStreamArn === undefined) throw new Error(`table ${this.options.table} has no stream`);
    this.streamArn = Table.LatestStreamArn;
    const saved = this.readCheckpoint();
    for (const [shardId, lastSequence] of Object.entries(saved)) this.shards.set(shardId, { lastSequence, closed: false });
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    this.streams.destroy();
  }

  /** True when nothing is being published right now (for tests and benchmarks waiting on the outbox). */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  private async run(): Promise<void> {
    let failingSince: number | undefined;
    let failures = 0;
    while (this.running) {
      let got = 0;
      try {
        if (Date.now() - this.lastDiscovery > 1000) await this.discover();
        for (const [shardId, shard] of this.shards) if (!shard.closed) got += await this.pollShard(shardId, shard);
        if (failingSince !== undefined) {
          this.options.log?.(`stream polling works again after ${((Date.now() - failingSince) / 1000).toFixed(1)} s`);
          failingSince = undefined;
          failures = 0;
        }
      } catch (error) {
        // One line per outage, not one per attempt; the pause grows to 5 s while it lasts.
        if (failingSince === undefined) {
          failingSince = Date.now();
          this.options.log?.(
            `stream polling failed (${(error as Error).name}: ${(error as Error).message}); retrying until DynamoDB Local answers`,
          );
        }
        failures += 1;
        if (process.env.DEBUG_STREAM) console.error(error);
        for (const shard of this.shards.values()) shard.iterator = undefined;
        await new Promise((r) => setTimeout(r, Math.min(5000, 100 * 2 ** Math.min(failures, 6))));
        continue;
      }
      if (got === 0) await new Promise((r) => setTimeout(r, this.options.idleDelayMs ?? 100));
    }
  }

  private async discover(): Promise<void> {
    this.lastDiscovery = Date.now();
    let exclusiveStart: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ...(exclusiveStart ? { ExclusiveStartShardId: exclusiveStart } : {}) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId !== undefined && !this.shards.has(shard.ShardId)) this.shards.set(shard.ShardId, { closed: false });
      }
      exclusiveStart = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart !== undefined);
  }

  private async pollShard(shardId: string, shard: ShardState): Promise<number> {
    if (shard.iterator === undefined) {
      try {
        const { ShardIterator } = await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.streamArn,
            ShardId: shardId,
            ...(shard.lastSequence === undefined
              ? { ShardIteratorType: 'TRIM_HORIZON' }
              : { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequence }),
          }),
        );
        shard.iterator = ShardIterator;
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') {
          shard.closed = true;
          return 0;
        }
        throw error;
      }
      if (shard.iterator === undefined) {
        shard.closed = true;
        return 0;
      }
    }
    const { Records = [], NextShardIterator } = await this.streams.send(
      new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: this.options.batchSize ?? 1000 }),
    );
    if (Records.length > 0) {
      this.inFlight += 1;
      try {
        const failedAt = await this.publish(Records);
        if (failedAt !== undefined) {
          // Retry from the first record that was not published, as Lambda does with ReportBatchItemFailures.
          const previous = Records[Records.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt) - 1];
          shard.lastSequence = previous?.dynamodb?.SequenceNumber ?? shard.lastSequence;
          shard.iterator = undefined;
          await new Promise((r) => setTimeout(r, 500));
          return 0;
        }
      } finally {
        this.inFlight -= 1;
      }
      shard.lastSequence = Records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequence;
      this.writeCheckpoint();
    }
    shard.iterator = NextShardIterator;
    if (NextShardIterator === undefined || NextShardIterator === null) shard.closed = true;
    return Records.length;
  }

  /** Returns the sequence number of the first record to retry, if the handler reported one. */
  private async publish(records: StreamRecord[]): Promise<string | undefined> {
    const event = {
      Records: records.map((r) => ({
        eventID: r.eventID,
        eventName: r.eventName,
        eventVersion: r.eventVersion,
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        dynamodb: r.dynamodb,
        eventSourceARN: this.streamArn,
      })),
    } as unknown as DynamoDBStreamEvent;
    try {
      const response = await this.options.deliver(event);
      return response?.batchItemFailures?.[0]?.itemIdentifier;
    } catch (error) {
      this.options.log?.(`outbox publisher failed, retrying the batch: ${(error as Error).message}`);
      if (process.env.DEBUG_STREAM) console.error(error);
      return records[0]?.dynamodb?.SequenceNumber;
    }
  }

  private readCheckpoint(): Record<string, string> {
    const file = this.options.checkpointFile;
    if (file === undefined || !existsSync(file)) return {};
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { streamArn?: string; shards?: Record<string, string> };
      return saved.streamArn === this.streamArn ? (saved.shards ?? {}) : {};
    } catch {
      return {};
    }
  }

  private writeCheckpoint(): void {
    const file = this.options.checkpointFile;
    if (file === undefined) return;
    const shards: Record<string, string> = {};
    for (const [id, s] of this.shards) if (s.lastSequence !== undefined && !s.closed) shards[id] = s.lastSequence;
    writeFileSync(file, JSON.stringify({ streamArn: this.streamArn, shards }));
  }
}
