import { listingStream } from '#credit/adapters/table-layout';
import { sweepCreditClocks } from '#credit/domain/clock-sweep';
import { applyRemovalOf, decideRemovalOf, listEntityOf } from '#credit/domain/listing-commands';
import type { CreditDeps } from '#credit/ports';
import { creditSettings } from '#credit/settings';
import { entityStream } from '#directory/adapters/table-layout';
import { officialCalendar } from '#shared/working-days';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const agency = 'SAMR-110105';
const uscc = '91110105MA01ABCD13';
const supervisor = { actor: { id: 'sup-1', role: 'supervisor' as const, agency }, correlationId: 'c' };

describe('the daily sweep of the credit clocks (schedule credit-clock-sweep)', () => {
  it('warns of an application’s decision 3 working days ahead and records it passed, once each; a decided one is left alone', async () => {
    const store = new InMemoryEventStore();
    await store.append({
      stream: entityStream(agency, uscc),
      expectedVersion: 0,
      events: [{ type: 'Directory.EntityRegistered', version: 1, data: {} }],
      actor: supervisor.actor,
      agency,
      correlationId: 'c',
      head: { state: { uscc }, index: {} },
    });
    let today = '2026-07-10';
    const deps: CreditDeps = {
      store,
      reader: store,
      today: () => today,
      calendar: await officialCalendar(),
      settings: creditSettings({}),
      access: { record: async () => undefined },
    };
    const late = await listEntityOf(deps, supervisor, uscc, { list: 'abnormal', cause: 'annual-report-not-published' });
    const decided = await listEntityOf(deps, supervisor, uscc, { list: 'abnormal', cause: 'information-not-published' });
    today = '2026-09-29';
    await applyRemovalOf(deps, supervisor, late.listingId, '已补报年度报告'); // decision due 12 Oct
    await applyRemovalOf(deps, supervisor, decided.listingId, '已公示'); // decided below
    const sweep = async (day: string) => {
      today = day;
      return sweepCreditClocks(deps);
    };
    expect(await sweep('2026-09-30')).toEqual({ warned: 0, passed: 0 });
    expect(await sweep('2026-10-08')).toEqual({ warned: 2, passed: 0 });
    expect(await sweep('2026-10-09')).toEqual({ warned: 0, passed: 0 });
    await decideRemovalOf(deps, supervisor, decided.listingId, { outcome: 'remove', note: '已核实' });
    expect(await sweep('2026-10-13')).toEqual({ warned: 0, passed: 1 });
    expect(await sweep('2026-10-14')).toEqual({ warned: 0, passed: 0 });
    const types = (id: string) => (store.events.get(listingStream(id)) ?? []).map((e) => e.type);
    expect(types(late.listingId)).toEqual([
      'Credit.EntityListed',
      'Credit.RemovalApplied',
      'Credit.DeadlineApproaching',
      'Credit.DeadlinePassed',
    ]);
    expect(types(decided.listingId)).toEqual([
      'Credit.EntityListed',
      'Credit.RemovalApplied',
      'Credit.DeadlineApproaching',
      'Credit.ListingRemoved',
    ]);
    // Off the clock index once nothing is left to sweep.
    expect([...store.heads.values()].filter((h) => h.index.gsi3pk !== undefined)).toEqual([]);
  });
});
