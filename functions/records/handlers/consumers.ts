import { eventConsumer } from '#shared/consumer-handler';
import { activityOf } from '../domain/activity.ts';
import { AnyStoredEvent } from '../schemas.ts';
import { activityFeed } from './wiring.ts';

/** Every published event lands in its owning agency's activity feed (rule `activity-feed`). */
export const activity = eventConsumer({ detail: AnyStoredEvent }, async (event) => {
  await activityFeed().record(activityOf(event, event.agency ?? event.actor.agency));
});
