import { fromHead, type InspectionState } from '#inspections/domain/inspection';
import { completedOnSite, completedOnSiteIn, countedInspections, mobileShare } from '#inspections/domain/reporting';

/** An inspection completed at `completedAt`, started on `channel`, with `result`, of an entity in `region`. */
const done = (id: string, completedAt: string, channel: 'mobile-form' | 'desktop' | 'paper', result = 'compliant', region = '110105') =>
  fromHead({
    inspectionId: id,
    taskId: 't',
    ownerAgency: 'A',
    entity: { uscc: `E-${id}`, name: id, address: '地址', region },
    items: ['I1'],
    checklists: [],
    team: [{ id: 'i1', agency: 'A' }],
    plannedStart: '2026-11-01',
    plannedEnd: '2026-12-31',
    status: 'completed',
    start: { at: completedAt, channel, inspectors: ['i1'] },
    result: { result, summary: '', at: completedAt },
    completedAt,
  } as unknown as InspectionState);

async function* each(states: InspectionState[]) {
  yield* states;
}

const december = { from: '2026-12-01', to: '2026-12-31' };

describe('the inspections behind 掌上执法率', () => {
  it('counts the day as China Standard Time: 17:00 UTC on 30 November is already 1 December', () => {
    expect(completedOnSiteIn(december, done('a', '2026-11-30T17:00:00.000Z', 'mobile-form'))).toBe(true);
    expect(completedOnSiteIn(december, done('b', '2026-11-30T15:59:59.000Z', 'mobile-form'))).toBe(false);
    expect(completedOnSiteIn(december, done('c', '2026-12-31T16:00:00.000Z', 'mobile-form'))).toBe(false); // 1 January
  });

  it('counts only on-site results: an entity refusing or not found is no on-site inspection', () => {
    expect(completedOnSiteIn(december, done('a', '2026-12-02T02:00:00.000Z', 'desktop', 'non-compliant'))).toBe(true);
    expect(completedOnSiteIn(december, done('b', '2026-12-02T02:00:00.000Z', 'desktop', 'refused'))).toBe(false);
    expect(completedOnSiteIn(december, done('c', '2026-12-02T02:00:00.000Z', 'desktop', 'not-found-at-address'))).toBe(false);
  });

  it('lists exactly what the figure counts, newest first, by channel and a page at a time', async () => {
    const states = [
      done('a', '2026-12-02T02:00:00.000Z', 'mobile-form'),
      done('b', '2026-12-03T02:00:00.000Z', 'paper'),
      done('c', '2026-12-04T02:00:00.000Z', 'mobile-form'),
      done('d', '2026-12-05T02:00:00.000Z', 'mobile-form', 'refused'),
      done('e', '2026-11-05T02:00:00.000Z', 'mobile-form'),
    ];
    const figure = await mobileShare('A', december, each(states));
    const all = await completedOnSite({ ...december, limit: 2 }, each(states));
    expect(all.total).toBe(figure.completedOnSite);
    expect(all.items.map((i) => i.inspectionId)).toEqual(['c', 'b']);
    const rest = await completedOnSite({ ...december, limit: 2, cursor: all.cursor }, each(states));
    expect(rest.items.map((i) => i.inspectionId)).toEqual(['a']);
    expect(rest.cursor).toBeUndefined();
    const mobile = await completedOnSite({ ...december, channel: 'mobile-form', limit: 10 }, each(states));
    expect(mobile.total).toBe(figure.onMobileForm);
  });

  it('counts another agency’s inspections for an auditor only inside the jurisdiction, and refuses anyone else', async () => {
    const states = [
      done('a', '2026-12-02T02:00:00.000Z', 'mobile-form', 'compliant', '110105'),
      done('b', '2026-12-02T02:00:00.000Z', 'paper', 'compliant', '440305'),
    ];
    const auditor = countedInspections({ agency: 'AUDIT-11', jurisdiction: '11', auditor: true }, { agency: 'A' });
    expect((await mobileShare('A', december, each(states), auditor.counted)).completedOnSite).toBe(1);
    const region = countedInspections({ agency: 'A', jurisdiction: '110105', auditor: false }, { region: '4403' });
    expect((await completedOnSite({ ...december, limit: 10 }, each(states), region.counted)).items.map((i) => i.inspectionId)).toEqual([
      'b',
    ]);
    expect(() => countedInspections({ agency: 'B', jurisdiction: '440305', auditor: false }, { agency: 'A' })).toThrow(/Agency A/);
  });
});
