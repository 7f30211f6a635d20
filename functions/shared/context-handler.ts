import type { Context } from 'aws-lambda';
import { withInvocation } from './invocation.ts';

type AnyHandler = (event: never, context: Context) => Promise<unknown>;

/**
 * Every entry point of a context's Lambda: the invocation's deadline and function name are set once here, for the
 * write guard and the local IAM check (functions/shared/invocation.ts). `C` is the names of the rules and schedules
 * the topology points at the function (`ConsumerOf<'cases'>`): the consumer table has exactly those.
 */
export function contextHandler<C extends string = never>(handlers: { http?: AnyHandler; events?: Record<C, AnyHandler> }) {
  return (event: Record<string, unknown>, context: Context): Promise<unknown> =>
    withInvocation(context, () => dispatch(handlers, event, context));
}

/**
 * An HTTP API event goes to the routes; a rule's delivery, `{ rule, event }` (in AWS the rule target's input
 * transformer builds it from `<aws.events.rule-name>` and `<aws.events.event.json>`; the local bus builds the same),
 * goes to that rule's consumer, so one Lambda per context can host several.
 */
async function dispatch(
  handlers: { http?: AnyHandler; events?: Readonly<Record<string, AnyHandler | undefined>> },
  event: Record<string, unknown>,
  context: Context,
): Promise<unknown> {
  if ('routeKey' in event && handlers.http !== undefined) return handlers.http(event as never, context);
  if (typeof event.rule === 'string' && 'event' in event) {
    const consumer = handlers.events?.[event.rule];
    if (consumer === undefined) throw new Error(`no consumer for rule ${event.rule}`);
    return consumer(event.event as never, context);
  }
  throw new Error('this function does not handle that kind of event');
}
