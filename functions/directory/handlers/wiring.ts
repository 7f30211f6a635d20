import { DynamoDbBlobStore } from '#records/adapters/dynamodb-blob-store';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { dynamodb, tableName } from '#shared/dynamodb';
import type { DirectoryDeps } from '../domain/directory-commands.ts';
import type { ImportDeps } from '../domain/entity-import.ts';

let deps: (DirectoryDeps & ImportDeps) | undefined;

/** The directory's adapters, built on first use (so that the environment the function runs with is read). */
export function wired(): DirectoryDeps & ImportDeps {
  if (deps === undefined) {
    const blobs = new DynamoDbBlobStore(dynamodb(), tableName());
    deps = {
      store: new DynamoDbEventStore(dynamodb(), tableName()),
      reader: new DynamoDbHeadReader(dynamodb(), tableName()),
      chunks: { putAll: (documents) => blobs.putAll(documents), get: (key) => blobs.getText(key) },
      clock: () => new Date(),
    };
  }
  return deps;
}
