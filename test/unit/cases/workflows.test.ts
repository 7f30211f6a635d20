import { createHash } from 'node:crypto';
import { giveCommand, requestCaseUpload } from '#cases/domain/case-commands';
import { type CaseRecord, openCase } from '#cases/domain/case-record';
import { give as giveWith } from '#cases/domain/commands';
import { PUBLICITY_DEFAULTS } from '#cases/domain/decision-publicity';
import { ENFORCEMENT_DEFAULTS } from '#cases/domain/enforcement';
import { DEFAULT_DISCRETION, DEFAULT_MAJOR_RULE } from '#cases/domain/legal-rules';
import type { CaseRole } from '#cases/domain/lifecycle';
import { appendCase, publishDecision, sweepClocks, withdrawIfRevoked } from '#cases/domain/workflows';
import type { CaseDeps } from '#cases/ports';
import type { NewEvent } from '#records/domain/recorded-event';
import { officialCalendar, type WorkingCalendar } from '#shared/working-days';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';
import { MemoryEvidenceStore } from '../../support/memory-evidence-store.ts';

let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});
const give = async (
  state: CaseRecord,
  command: Parameters<typeof giveWith>[1],
  input: Record<string, unknown>,
  roles: CaseRole[],
  today: string,
) => giveWith(state, command, input as never, { id: 'u-1', roles }, { today, calendar });

const ACTOR = { id: 'u-1', role: 'supervisor', agency: 'SAMR-310000' };

function world(today: string) {
  const store = new InMemoryEventStore();
  const clock = { today };
  const deps: CaseDeps = {
    store,
    reader: store,
    today: () => clock.today,
    dayIn: (days) => new Date(Date.parse(`${clock.today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10),
    calendar,
    access: { record: async () => {}, list: async () => ({ items: [] }) },
    settings: {
      warnDays: 10,
      publicity: PUBLICITY_DEFAULTS,
      discretion: DEFAULT_DISCRETION,
      majorRule: DEFAULT_MAJOR_RULE,
      enforcement: ENFORCEMENT_DEFAULTS,
    },
    evidence: new MemoryEvidenceStore(),
  };
  const versions = new Map<string, number>();
  const record = async (c: CaseRecord, events: NewEvent[]) => {
    const version = versions.get(c.caseId) ?? 0;
    await appendCase(deps, c, { expectedVersion: version, events, actor: ACTOR, correlationId: 'c' });
    versions.set(c.caseId, version + events.length);
  };
  return { store, deps, clock, record };
}

/** A complaint of 2025-03-03 against a natural person. */
const complaint = (caseId: string) =>
  openCase({
    caseId,
    agency: 'SAMR-310000',
    jurisdiction: '310104',
    entity: '91310000MA1K4AXX4R',
    party: { kind: 'person', name: '王小明' },
    source: { kind: 'complaint', ref: '' },
    summary: '王小明销售过期食品，电话13912345678',
    clueOn: '2025-03-03',
  });

async function decidedCase(w: ReturnType<typeof world>, caseId: string, penalty: { types: ('warning' | 'fine')[]; fine?: number }) {
  const opened = complaint(caseId);
  await w.record(opened.state, opened.events);
  let state = opened.state;
  for (const [command, body] of [
    ['register', {}],
    ['investigate', {}],
    ['notify', { proposed: { ...penalty, violationCode: 'FOOD-35', level: 'lighter' } }],
    ['decide', { documentNumber: '沪市监处罚〔2025〕17号' }],
  ] as const) {
    const role = command === 'register' || command === 'decide' ? 'supervisor' : 'case-officer';
    const given = await give(state, command, body, [role], '2025-03-10');
    await w.record(given.state, given.events);
    state = given.state;
  }
  return state;
}

describe('the clock sweep over the clock index', () => {
  it('warns once of a near decision deadline, and says when it passed', async () => {
    const w = world('2025-05-20');
    const opened = complaint('case-1');
    await w.record(opened.state, opened.events);
    const registered = await give(opened.state, 'register', {}, ['supervisor'], '2025-03-10');
    await w.record(registered.state, registered.events);
    // Decision due 2025-06-09 (90 days, moved off a Sunday).
    expect(w.store.heads.get('case/case-1')?.index.gsi3sk).toBe('2025-06-09#case/case-1');
    expect(await sweepClocks(w.deps)).toEqual({ warned: 0, takenDown: 0 });
    w.clock.today = '2025-05-30';
    expect(await sweepClocks(w.deps)).toEqual({ warned: 1, takenDown: 0 });
    expect(await sweepClocks(w.deps)).toEqual({ warned: 0, takenDown: 0 });
    w.clock.today = '2025-06-10';
    expect(await sweepClocks(w.deps)).toEqual({ warned: 1, takenDown: 0 });
    const types = w.store.events.get('case/case-1')?.map((e) => [e.type, e.actor.id]);
    expect(types?.slice(-2)).toEqual([
      ['Cases.DeadlineApproaching', 'clock-sweep'],
      ['Cases.DeadlinePassed', 'clock-sweep'],
    ]);
  });
});

describe('publication of a decision', () => {
  it('publishes once, masked, and takes it down when its period ends', async () => {
    const w = world('2025-03-10');
    await decidedCase(w, 'case-2', { types: ['fine'], fine: 5_000 });
    await publishDecision(w.deps, 'case-2', 'c');
    await publishDecision(w.deps, 'case-2', 'c'); // delivered twice
    const published = w.store.heads.get('publication/case-2');
    expect(published?.version).toBe(1);
    expect(published?.state).toMatchObject({
      status: 'live',
      takedownOn: '2025-06-10',
      notice: {
        party: '王**',
        summary: '王**销售过期食品，电话139****5678',
        // The public reads the violation by its name in the discretion table, and the decision by its document number.
        violationName: DEFAULT_DISCRETION['FOOD-35']?.name,
        documentNumber: '沪市监处罚〔2025〕17号',
      },
    });
    expect(published?.index).toMatchObject({ gsi1pk: 'PUBLIC#DECISION#2025-03', gsi3sk: '2025-06-10#publication/case-2' });
    w.clock.today = '2025-06-10';
    expect(await sweepClocks(w.deps)).toMatchObject({ takenDown: 1 });
    const after = w.store.heads.get('publication/case-2');
    expect(after?.state).toMatchObject({ status: 'taken-down', endedOn: '2025-06-10' });
    expect(after?.index).toEqual({});
  });

  it('does not publish a warning alone', async () => {
    const w = world('2025-03-10');
    await decidedCase(w, 'case-3', { types: ['warning'] });
    await publishDecision(w.deps, 'case-3', 'c');
    expect(w.store.heads.get('publication/case-3')).toBeUndefined();
  });

  it('withdraws a revoked decision, even when the revocation came before its publication was written', async () => {
    const w = world('2025-03-10');
    const decided = await decidedCase(w, 'case-4', { types: ['fine'], fine: 500 });
    const revoked = await give(decided, 'revoke', { reason: '复议撤销' }, ['supervisor'], '2025-03-11');
    // The withdrawal runs first and finds nothing; the publication, delivered late, sees the revocation itself.
    await withdrawIfRevoked(w.deps, 'case-4', 'c');
    await w.record(revoked.state, revoked.events);
    await publishDecision(w.deps, 'case-4', 'c');
    expect(w.store.heads.get('publication/case-4')).toBeUndefined(); // revoked before: never published
    const w2 = world('2025-03-10');
    const d2 = await decidedCase(w2, 'case-5', { types: ['fine'], fine: 500 });
    await publishDecision(w2.deps, 'case-5', 'c');
    const r2 = await give(d2, 'revoke', { reason: '复议撤销' }, ['supervisor'], '2025-03-11');
    await w2.record(r2.state, r2.events);
    await withdrawIfRevoked(w2.deps, 'case-5', 'c');
    expect(w2.store.heads.get('publication/case-5')?.state).toMatchObject({ status: 'withdrawn' });
    expect(w2.store.events.get('publication/case-5')?.map((e) => e.type)).toEqual(['Cases.DecisionPublished', 'Cases.DecisionWithdrawn']);
  });

  it('withdraws what it published when the revocation landed between its read and its write', async () => {
    const w = world('2025-03-10');
    const decided = await decidedCase(w, 'case-6', { types: ['fine'], fine: 500 });
    const before = w.store.heads.get('case/case-6');
    const revoked = await give(decided, 'revoke', { reason: '复议撤销' }, ['supervisor'], '2025-03-11');
    await w.record(revoked.state, revoked.events);
    await withdrawIfRevoked(w.deps, 'case-6', 'c'); // nothing published yet: nothing to withdraw
    // The publication read the case before the revocation (a stale read), and writes after it.
    let stale = true;
    const reader = {
      ...w.store,
      get: async <S>(stream: string) => {
        if (stream === 'case/case-6' && stale && before !== undefined) {
          stale = false;
          return {
            stream,
            state: before.state as S,
            agency: before.agency,
            version: before.version,
            lastHash: before.lastHash,
            updatedAt: '',
          };
        }
        return w.store.get<S>(stream);
      },
      list: w.store.list.bind(w.store),
      getMany: w.store.getMany.bind(w.store),
    };
    await publishDecision({ ...w.deps, reader }, 'case-6', 'c');
    expect(w.store.events.get('publication/case-6')?.map((e) => e.type)).toEqual(['Cases.DecisionPublished', 'Cases.DecisionWithdrawn']);
  });
});

describe('a transfer to the judiciary (行刑衔接), through the command use case with its photos and file', () => {
  it('lists the photos as the server hashed them, hands the file and the measures in force to the organ, and records its receipt', async () => {
    const w = world('2025-03-10');
    const opened = complaint('case-t');
    await w.record(opened.state, opened.events);
    const officer = { actor: { id: 'off-1', role: 'case-officer', agency: 'SAMR-310000' }, roles: ['case-officer'] };
    const supervisor = { actor: { id: 'sup-1', role: 'supervisor', agency: 'SAMR-310000' }, roles: ['supervisor'] };
    const ticket = await requestCaseUpload(w.deps, officer, 'case-t', { contentType: 'image/jpeg', size: 5 });
    (w.deps.evidence as MemoryEvidenceStore).put(`evidence/cases/case-t/${ticket.evidenceId}`, 'photo');
    const items = [{ name: '假冒商品', quantity: 10, unit: '箱', photos: [ticket.evidenceId] }];
    const seized = await giveCommand(
      w.deps,
      officer,
      'case-t',
      'take-measure',
      { kind: 'seize', items, reason: '涉嫌假冒', emergency: true },
      'c',
    );
    expect(seized.measures?.[0]?.items[0]?.photos[0]).toEqual({
      evidenceId: ticket.evidenceId,
      sha256: createHash('sha256').update('photo').digest('hex'),
      size: 5,
      contentType: 'image/jpeg',
    });
    const before = await w.store.read('case/case-t', { afterSeq: 0, limit: 100 });
    const export_ = before.events.map((e) => JSON.stringify(e)).join('\n');
    const transferred = await giveCommand(
      w.deps,
      supervisor,
      'case-t',
      'transfer',
      { to: '上海市公安局徐汇分局', reason: '涉嫌犯罪' },
      'c',
    );
    expect(transferred.status).toBe('transferred');
    expect(transferred.transfer?.file).toEqual({
      events: 2,
      headHash: before.events.at(-1)?.hash,
      sha256: createHash('sha256').update(export_).digest('hex'),
      bytes: Buffer.byteLength(export_),
      measures: ['m-1'],
    });
    expect(transferred.measures?.[0]?.state).toBe('handed-over');
    expect(transferred.allowed).toEqual(['record-receipt']);
    const input = { receivedOn: '2025-03-10', receiptNumber: '沪公徐受〔2025〕8号', note: '' };
    const received = await giveCommand(w.deps, officer, 'case-t', 'record-receipt', input, 'c');
    expect(received.transfer?.receipt).toEqual({
      on: '2025-03-10',
      organ: '上海市公安局徐汇分局',
      receiptNumber: '沪公徐受〔2025〕8号',
      note: '',
    });
    await expect(giveCommand(w.deps, officer, 'case-t', 'record-receipt', input, 'c')).rejects.toThrow(/recorded on 2025-03-10 already/);
  });
});
