import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { dynamodb, tableName } from '#shared/dynamodb';
import { DynamoDbIngestMarkers } from '../adapters/dynamodb-ingest-markers.ts';
import { DynamoDbRateLimiter } from '../adapters/dynamodb-rate-limiter.ts';

let built: ReturnType<typeof build> | undefined;
function build() {
  const client = dynamodb();
  const table = tableName();
  return {
    store: new DynamoDbEventStore(client, table),
    reader: new DynamoDbHeadReader(client, table),
    markers: new DynamoDbIngestMarkers(client, table),
    limiter: new DynamoDbRateLimiter(client, table),
    clock: () => new Date(),
  };
}
/** The context's adapters, built on first use (so that the environment the function runs with is read). */
export const wired = () => {
  built ??= build();
  return built;
};
