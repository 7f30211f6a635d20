import type { FunctionName, ScheduleSpec } from '../topology.ts';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const UNIT_MS = { minute: 60_000, minutes: 60_000, hour: 3_600_000, hours: 3_600_000, day: 86_400_000, days: 86_400_000 } as const;

/** rate(…) expressions as milliseconds; cron(…) is refused at start-up rather than run at the wrong time. */
export function rateMs(expression: string): number {
  const found = RATE.exec(expression);
  if (found === null) throw new Error(`the local runtime runs rate(…) schedules only, not '${expression}'`);
  return Number(found[1]) * UNIT_MS[found[2] as keyof typeof UNIT_MS];
}

/** What EventBridge Scheduler delivers for a schedule, wrapped as `{rule, event}` like every rule delivery. */
export function scheduledDelivery(name: string) {
  const event = {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [`arn:aws:events:us-east-1:000000000000:rule/${name}`],
    detail: {},
  };
  return { rule: name, event };
}

/**
 * Runs the topology's schedules on timers, delivering what EventBridge Scheduler would: a `Scheduled Event`
 * wrapped as `{rule, event}` like every rule delivery. Returns a function that stops them.
 */
export function startSchedules(
  schedules: readonly ScheduleSpec[],
  invoke: (fn: FunctionName, payload: unknown) => Promise<unknown>,
  log: (line: string) => void,
): () => void {
  const timers = schedules.map((schedule) =>
    setInterval(() => {
      invoke(schedule.target, scheduledDelivery(schedule.name)).catch((error: unknown) =>
        log(`schedule ${schedule.name} failed: ${(error as Error).message}`),
      );
    }, rateMs(schedule.expression)),
  );
  return () => {
    for (const timer of timers) clearInterval(timer);
  };
}
