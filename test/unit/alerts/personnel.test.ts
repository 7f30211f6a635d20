import { alertStream } from '#alerts/adapters/table-layout';
import type { AlertState } from '#alerts/domain/alert';
import { acknowledgeAlert, readableAlert } from '#alerts/domain/alert-commands';
import { listAlerts } from '#alerts/domain/alert-reads';
import { hourlyCounts, sweepPersonnel } from '#alerts/domain/personnel-sweep';
import { agencyIndex } from '#directory/adapters/table-layout';
import type { AccessEntry } from '#records/ports';
import { ForbiddenError, NotFoundError } from '#shared/errors';
import { agency, alertsWorld } from './support.ts';

const read = (reader: string, at: string, denied = false): AccessEntry => ({
  at,
  reader,
  role: 'case-officer',
  readerAgency: agency,
  record: denied ? 'case/other-1' : 'case/c-1',
  recordAgency: denied ? 'SAMR-310101' : agency,
  what: 'timeline',
  ...(denied ? { denied: true } : {}),
});

async function world() {
  const w = await alertsWorld('2026-05-06');
  await w.store.append({
    stream: `agency/${agency}`,
    expectedVersion: 0,
    events: [{ type: 'Directory.AgencyRegistered', version: 1, data: {} }],
    actor: { id: 'adm', role: 'admin', agency },
    agency,
    correlationId: 'c',
    head: { state: { code: agency }, index: agencyIndex({ code: agency }) },
  });
  const sweep = async (now: string) => {
    w.clock.now = new Date(now);
    return sweepPersonnel(w.deps, w.rules);
  };
  return { ...w, sweep };
}

const minutes = (from: string, n: number, reader: string, denied = false) =>
  Array.from({ length: n }, (_, i) => read(reader, new Date(Date.parse(from) + (i % 60) * 60_000 + i).toISOString(), denied));

describe('personnel risk from the access log (操作日志分析, 人员风险)', () => {
  it('counts each person’s reads per whole hour, refused ones apart, leaving the running hour out', () => {
    const entries = [
      ...minutes('2026-05-06T02:00:00Z', 3, 'o-1'),
      ...minutes('2026-05-06T02:10:00Z', 2, 'o-1', true),
      ...minutes('2026-05-06T03:00:00Z', 4, 'o-1'),
    ];
    expect(hourlyCounts(entries, Date.parse('2026-05-06T03:30:00Z'))).toEqual([
      { reader: 'o-1', role: 'case-officer', hour: Date.parse('2026-05-06T02:00:00Z') / 3_600_000, reads: 3, denied: 2 },
    ]);
  });

  it('raises to the admin when one person reads 200 records in an hour, never showing it to that person; a second sweep adds nothing', async () => {
    const w = await world();
    w.log.push(...minutes('2026-05-06T02:00:00Z', 199, 'o-2'), ...minutes('2026-05-06T02:00:00Z', 200, 'o-1'));
    const first = await w.sweep('2026-05-06T03:05:00Z');
    expect(first.raised).toHaveLength(1);
    const alert = w.store.heads.get(alertStream(first.raised[0] as string))?.state as AlertState;
    expect(alert).toMatchObject({ subject: { kind: 'person', id: 'o-1' }, rule: { id: 'personnel-bulk-reads', role: 'admin' } });
    expect((await w.sweep('2026-05-06T04:05:00Z')).raised).toEqual([]);

    const concerned = { id: 'o-1', role: 'case-officer', agency };
    await expect(readableAlert(w.deps, concerned, alert.alertId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listAlerts(w.deps, concerned, { limit: 20 })).items).toEqual([]);
    const colleague = { actor: { id: 'o-3', role: 'case-officer', agency }, correlationId: 'c' };
    await expect(acknowledgeAlert(w.deps, colleague, alert.alertId, { note: '' })).rejects.toBeInstanceOf(ForbiddenError);
    const admin = { actor: { id: 'adm-1', role: 'admin', agency }, correlationId: 'c' };
    expect((await acknowledgeAlert(w.deps, admin, alert.alertId, { note: '已约谈' })).status).toBe('acknowledged');
  });

  it('raises on 5 reads of other agencies’ records refused within an hour (BOLA probing), not on 4', async () => {
    const w = await world();
    w.log.push(...minutes('2026-05-06T02:00:00Z', 4, 'o-4', true), ...minutes('2026-05-06T02:00:00Z', 5, 'o-5', true));
    const swept = await w.sweep('2026-05-06T03:01:00Z');
    expect(swept.raised).toHaveLength(1);
    expect(w.store.heads.get(alertStream(swept.raised[0] as string))?.state).toMatchObject({
      subject: { kind: 'person', id: 'o-5' },
      rule: { id: 'personnel-probing' },
    });
  });
});
