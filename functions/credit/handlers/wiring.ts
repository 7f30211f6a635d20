import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { chinaDay } from '#shared/calendar';
import { dynamodb, tableName } from '#shared/dynamodb';
import type { CreditDeps } from '../ports.ts';

let built: CreditDeps | undefined;
/** The context's adapters, built on first use (so that the environment the function runs with is read). */
export const wired = (): CreditDeps => {
  built ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reader: new DynamoDbHeadReader(dynamodb(), tableName()),
    today: () => chinaDay(Date.now()),
  };
  return built;
};
