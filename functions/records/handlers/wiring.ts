import { dynamodb, tableName } from '#shared/dynamodb';
import { DynamoDbActivityFeed } from '../adapters/dynamodb-activity-feed.ts';

/** The context's adapters, built on first use (so that the environment the function runs with is read). */
let feed: DynamoDbActivityFeed | undefined;
export const activityFeed = () => {
  feed ??= new DynamoDbActivityFeed(dynamodb(), tableName());
  return feed;
};
