import type { Context } from 'aws-lambda';
import { withInvocation } from './invocation.ts';

type AnyHandler = (event: never, context: Context) => Promise<unknown>;
/** A handler in a module loaded on first use: `() => import('./handlers/http-routes.ts')` and the export's name. */
type Load = () => Promise<AnyHandler>;

/**
 * Every entry point of a context's Lambda: the invocation's deadline and function name are set once here, for the
 * write guard and the local IAM check (functions/shared/invocation.ts). `C` is the names of the rules and schedules
 * the topology points at the function (`ConsumerOf<'cases'>`): the consumer table has exactly those.
 *
 * Each handler is loaded by its first invocation (`lazily`), so the entry imports nothing of the routes or the
 * consumers: in the deployed bundle each is a chunk of its own (infra/bundling.ts), and a rule delivery never
 * compiles the HTTP routes, nor a request the consumers.
 */
export function contextHandler<C extends string = never>(handlers: { http?: Load; events?: Record<C, Load> }) {
  return (event: Record<string, unknown>, context: Context): Promise<unknown> =>
    withInvocation(context, () => dispatch(handlers, event, context));
}

/** `lazily(() => import('./handlers/consumers.ts'), 'caseClues')`: the module is imported once, by the first call. */
export function lazily<K extends string, M extends Record<K, AnyHandler>>(load: () => Promise<M>, name: K): Load {
  let loaded: Promise<AnyHandler> | undefined;
  return () => {
    loaded ??= load().then((module) => module[name]);
    return loaded;
  };
}

/**
 * An HTTP API event goes to the routes; a rule's delivery, `{ rule, event }` (in AWS the rule target's input
 * transformer builds it from `<aws.events.rule-name>` and `<aws.events.event.json>`; the local bus builds the same),
 * goes to that rule's consumer, so one Lambda per context can host several.
 */
async function dispatch(
  handlers: { http?: Load; events?: Readonly<Record<string, Load | undefined>> },
  event: Record<string, unknown>,
  context: Context,
): Promise<unknown> {
  if ('routeKey' in event && handlers.http !== undefined) return (await handlers.http())(event as never, context);
  if (typeof event.rule === 'string' && 'event' in event) {
    const consumer = handlers.events?.[event.rule];
    if (consumer === undefined) throw new Error(`no consumer for rule ${event.rule}`);
    return (await consumer())(event.event as never, context);
  }
  throw new Error('this function does not handle that kind of event');
}
