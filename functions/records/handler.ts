import type { ConsumerOf, RouteKeyOf } from '#infra/topology';
import { eventConsumer } from '#shared/consumer-handler';
import { contextHandler } from '#shared/context-handler';
import { dynamodb, tableName } from '#shared/dynamodb';
import { httpHandler, route } from '#shared/http-handler';
import { DynamoDbActivityFeed } from './adapters/dynamodb-activity-feed.ts';
import { activityOf } from './domain/activity.ts';
import { AnyStoredEvent, contracts } from './schemas.ts';

let feed: DynamoDbActivityFeed | undefined;
const activityFeed = () => {
  feed ??= new DynamoDbActivityFeed(dynamodb(), tableName());
  return feed;
};

export const http = httpHandler<RouteKeyOf<'records'>>({
  'GET /activity': route(contracts.listActivity, async (r) => ({
    status: 200,
    body: await activityFeed().list(r.principal.agency, r.query.limit, r.query.cursor),
  })),
});

/** Every published event lands in its owning agency's activity feed (rule `activity-feed`). */
export const activity = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  await activityFeed().record(activityOf(event, event.agency ?? event.actor.agency));
});

export const handler = contextHandler<ConsumerOf<'records'>>({ http, events: { 'activity-feed': activity } });
