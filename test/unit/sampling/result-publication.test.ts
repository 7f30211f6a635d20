import { flagOverdue, publicView } from '#sampling/domain/result-publication';
import { samplingMetrics } from '#sampling/domain/sampling-metrics';
import type { TaskState } from '#sampling/ports';
import { maskPersonName, maskText } from '#shared/masking';
import { officialCalendar } from '#shared/working-days';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const task = (overrides: Partial<TaskState> = {}): TaskState => ({
  id: 't1',
  name: '抽查 联系人 13812345678',
  items: ['I1'],
  population: {},
  ownerAgency: 'A',
  jurisdiction: '110105',
  partnerAgencies: [],
  ratesBp: { A: 500, B: 1500, C: 4000, D: 8000 },
  teams: [{ agency: 'A', count: 2 }],
  period: { start: '2026-04-01', end: '2026-06-30' },
  commitment: 'c'.repeat(64),
  status: 'drawn',
  createdAt: '2026-03-01T00:00:00.000Z',
  ...overrides,
});

describe('publicity of sampling tasks', () => {
  it('masks phone and ID numbers and keeps only the family name of a person', () => {
    expect(maskText('电话 13812345678，身份证 110105199001011234')).toBe('电话 138****5678，身份证 110105********1234');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
  });

  it('shows the public the plan and the sample, masked, never the teams', () => {
    const view = publicView(task(), ['X']);
    expect(view.name).toBe('抽查 联系人 138****5678');
    expect(view).not.toHaveProperty('teams');
    expect(view.selected).toEqual(['X']);
  });

  it('flags a drawn task once when results are not published 20 working days after the period', async () => {
    const store = new InMemoryEventStore();
    const state = task();
    const created = await store.append({
      stream: 'sampling-task/t1',
      expectedVersion: 0,
      events: [{ type: 'Sampling.TaskCreated', version: 1, data: {} }],
      actor: { id: 'u', role: 'supervisor', agency: 'A' },
      agency: 'A',
      correlationId: 'c',
      head: { state },
    });
    const stored = { state, version: created.version, lastHash: created.events[0]?.hash as string };
    // 2026-06-30 + 20 working days = 2026-07-28.
    expect(await flagOverdue(store, stored, '2026-07-28', new Date(), await officialCalendar())).toBe(false);
    expect(await flagOverdue(store, stored, '2026-07-29', new Date(), await officialCalendar())).toBe(true);
    const events = store.events.get('sampling-task/t1') ?? [];
    expect(events.at(-1)).toMatchObject({ type: 'Sampling.ResultPublicationOverdue', data: { dueBy: '2026-07-28', provisional: false } });
    const flagged = store.heads.get('sampling-task/t1')?.state as TaskState;
    expect(await flagOverdue(store, { state: flagged, version: 2, lastHash: '' }, '2026-08-30', new Date(), await officialCalendar())).toBe(
      false,
    );
  });

  it('measures item coverage and the share of joint tasks per period', () => {
    const tasks = [
      task({ items: ['I1'] }),
      task({ id: 't2', items: ['I2'], partnerAgencies: ['B'] }),
      task({ id: 't3', period: { start: '2025-01-01', end: '2025-02-01' }, items: ['I3'] }),
    ];
    expect(samplingMetrics('A', '2026-01-01', '2026-12-31', tasks, ['I1', 'I2', 'I3', 'I4'])).toMatchObject({
      tasks: 2,
      jointTasks: 1,
      jointTaskShare: 0.5,
      itemsCovered: 2,
      itemCoverage: 0.5,
      drawnTasks: 0,
      publicationOnTimeShare: 1,
    });
  });

  it('counts the drawn tasks whose results were flagged late by the publication sweep', () => {
    const drawn = { draw: { seed: 's' } as unknown as TaskState['draw'] };
    const tasks = [
      task({ ...drawn }),
      task({ id: 't2', ...drawn, overdue: { dueBy: '2026-07-28', flaggedAt: '2026-07-29T00:00:00.000Z' } }),
      task({ id: 't3', ...drawn }),
      task({ id: 't4', ...drawn }),
      task({ id: 't5', status: 'planned' }),
    ];
    expect(samplingMetrics('A', '2026-01-01', '2026-12-31', tasks, ['I1'])).toMatchObject({
      tasks: 5,
      drawnTasks: 4,
      publicationOverdue: 1,
      publicationOnTimeShare: 0.75,
    });
  });
});

describe('conflict markers', () => {
  it('puts the inspectors of a completed inspection in conflict with the entity, expiring after the 12 months', async () => {
    const { inspectedMarkers } = await import('#sampling/domain/markers');
    const markers = inspectedMarkers('E1', ['i1', 'i2'], '2026-04-02T02:00:00.000Z', 'inspection/t~E1');
    expect(markers.map((m) => [m.pk, m.sk, m.inspector])).toEqual([
      ['INSPECTED#E1', '2026-04-02T02:00:00.000Z#i1', 'i1'],
      ['INSPECTED#E1', '2026-04-02T02:00:00.000Z#i2', 'i2'],
    ]);
    expect(Number(markers[0]?.expiresAt)).toBeGreaterThan(Date.parse('2027-04-02') / 1000);
  });
});
