import * as fc from 'fast-check';
import { alertStream, WATCH_STREAMS } from '#alerts/adapters/table-layout';
import { observeEvent } from '#alerts/domain/raise';
import { alertsWorld, inspected } from './support.ts';

/** Non-compliant inspections of one entity, all within one 365-day window. */
const DAYS = ['2026-01-05', '2026-02-10', '2026-03-17', '2026-06-01', '2026-08-20'];

describe('dedupe: the same condition never has two open alerts', () => {
  it('whatever the order of delivery and however often each event comes, one alert is raised and every fact observed once', async () => {
    const events = DAYS.map((day) => inspected('non-compliant', day));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(events.length - 1), { minLength: events.length, maxLength: 15 }).chain((extra) =>
          fc.shuffledSubarray([...events.keys(), ...extra], {
            minLength: events.length + extra.length,
            maxLength: events.length + extra.length,
          }),
        ),
        async (order) => {
          fc.pre(new Set(order).size === events.length);
          const world = await alertsWorld('2026-09-01');
          const raised: string[] = [];
          for (const i of order) raised.push(...(await observeEvent(world.deps, world.rules, events[i] as (typeof events)[number])));
          expect(raised).toHaveLength(1);
          const alerts = [...world.store.heads.keys()].filter((s) => s.startsWith('alert/'));
          expect(alerts).toEqual([alertStream(raised[0] as string)]);
          const watch = [...world.store.events.entries()].find(([s]) => s.startsWith(WATCH_STREAMS))?.[1] ?? [];
          expect(watch.map((e) => (e.data as { fact: { on: string } }).fact.on).sort()).toEqual(DAYS);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an alert raised by different orders is the same alert (its id comes from the run of facts, not the delivery)', async () => {
    const forward = await alertsWorld('2026-09-01');
    const backward = await alertsWorld('2026-09-01');
    const events = DAYS.slice(0, 2).map((day) => inspected('non-compliant', day));
    const a = await observeEvent(forward.deps, forward.rules, events[0] as (typeof events)[number]).then(async () =>
      observeEvent(forward.deps, forward.rules, events[1] as (typeof events)[number]),
    );
    const b = await observeEvent(backward.deps, backward.rules, events[1] as (typeof events)[number]).then(async () =>
      observeEvent(backward.deps, backward.rules, events[0] as (typeof events)[number]),
    );
    expect(a).toEqual(b);
  });
});
