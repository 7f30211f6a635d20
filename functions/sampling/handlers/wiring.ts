import { randomBytes } from 'node:crypto';
import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { dynamodb, tableName } from '#shared/dynamodb';
import { readSetting } from '#shared/settings';
import { configuredCalendar } from '#shared/working-days';
import { DynamoDbSamplingReads } from '../adapters/dynamodb-sampling-reads.ts';
import { targetSettings } from '../domain/supervision-targets.ts';
import type { SamplingDeps } from '../ports.ts';

/** The context's adapters, built on first use (so that the environment the function runs with is read). */
// A bad OFFICIAL_CALENDAR stops the function at start-up, naming the variable, rather than failing a request.
configuredCalendar();
/** The supervision targets per jurisdiction and year (SUPERVISION_TARGETS); a bad value stops the function at start-up too. */
export const supervisionTargets = readSetting(process.env, 'SUPERVISION_TARGETS', targetSettings, {}, true);

let wiredDeps: (SamplingDeps & { reads: DynamoDbSamplingReads }) | undefined;
export const wired = () => {
  wiredDeps ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reads: new DynamoDbSamplingReads(dynamodb(), tableName()),
    blobs: new DynamoDbBlobStore(dynamodb(), tableName()),
    clock: () => new Date(),
    randomBytes,
  };
  return wiredDeps;
};
