import {
  complete,
  correct,
  fromHead,
  type InspectionState,
  missingForCompletion,
  recordAnswers,
  recordEvidence,
  recordFinding,
  recordResult,
  start,
} from '#inspections/domain/inspection';
import { RuleViolationError, StateConflictError } from '#shared/errors';
import { checkUpload } from '#shared/evidence/evidence-policy';

const assigned = (): InspectionState =>
  fromHead({
    inspectionId: 't~E1',
    taskId: 't',
    ownerAgency: 'A',
    entity: { uscc: 'E1', name: '甲', address: '地址', region: '110105' },
    items: ['I1'],
    checklists: [
      {
        item: 'I1',
        name: '检查',
        legalBasis: '法',
        questions: [
          { id: 'q1', question: '许可证?', mandatory: true },
          { id: 'q2', question: '台账?', mandatory: false },
        ],
      },
    ],
    team: [
      { id: 'i1', agency: 'A' },
      { id: 'i2', agency: 'A' },
    ],
    plannedStart: '2026-04-01',
    plannedEnd: '2026-06-30',
    status: 'assigned',
  });
const at = '2026-04-02T02:00:00.000Z';
const begun = () =>
  start(assigned(), { at, channel: 'mobile-form', position: { lat: 39.9, lng: 116.4, accuracyM: 8 }, inspectors: ['i1', 'i2'] }, 'i1')
    .state;

describe('an inspection', () => {
  it('starts with the inspectors present, on the team only', () => {
    expect(begun()).toMatchObject({ status: 'in-progress', start: { channel: 'mobile-form', inspectors: ['i1', 'i2'] } });
    expect(() => start(assigned(), { at, channel: 'mobile-form', inspectors: ['i1', 'x9'] }, 'i1')).toThrow(RuleViolationError);
  });

  it('refuses an answer to a question that is not on its checklist, naming it', () => {
    expect(() => recordAnswers(begun(), [{ item: 'I1', question: 'q9', answer: 'yes' }], at, 'i1')).toThrow(/q9 of item I1 is not on/);
  });

  it('cannot complete with a mandatory answer missing, and says which', () => {
    const state = recordResult(begun(), { result: 'compliant', summary: '' }, at).state;
    expect(missingForCompletion(state)).toEqual(['answers: I1/q1 (许可证?) is mandatory']);
    expect(() => complete(state, at)).toThrow(StateConflictError);
  });

  it('needs two inspectors on record (行政处罚法 §42)', () => {
    const alone = start(assigned(), { at, channel: 'mobile-form', inspectors: ['i1'] }, 'i1').state;
    const withResult = recordResult(
      recordAnswers(alone, [{ item: 'I1', question: 'q1', answer: 'yes' }], at, 'i1').state,
      { result: 'compliant', summary: '' },
      at,
    ).state;
    expect(missingForCompletion(withResult)).toEqual(['inspectors: at least 2 inspectors on record (行政处罚法 §42)']);
  });

  it('does not ask for answers when the party could not be found', () => {
    const state = recordResult(begun(), { result: 'not-found-at-address', summary: '查无下落' }, at).state;
    expect(missingForCompletion(state)).toEqual([]);
  });

  it('raises a case clue when completed non-compliant, and completes only once', () => {
    let state = recordAnswers(begun(), [{ item: 'I1', question: 'q1', answer: 'no' }], at, 'i1').state;
    state = recordFinding(state, { findingId: 'f1', text: '无证经营' }, at, 'i1').state;
    state = recordResult(state, { result: 'non-compliant', summary: '无证经营' }, at).state;
    const done = complete(state, at);
    expect(done.events.map((e) => e.type)).toEqual(['Inspections.InspectionCompleted', 'Inspections.CaseClueRaised']);
    expect(done.events[1]?.data).toMatchObject({ entity: 'E1', findings: ['f1'] });
    expect(complete(done.state, at).events).toEqual([]);
  });

  it('is never edited once completed: a correction is a new event with its reason', () => {
    let state = recordAnswers(begun(), [{ item: 'I1', question: 'q1', answer: 'yes' }], at, 'i1').state;
    state = complete(recordResult(state, { result: 'compliant', summary: 'ok' }, at).state, at).state;
    expect(() => recordFinding(state, { findingId: 'f2', text: 'late' }, at, 'i1')).toThrow(/never edited/);
    const corrected = correct(state, { field: 'summary', value: '合规', reason: '笔误' }, at, 'sup');
    expect(corrected.events[0]).toMatchObject({ type: 'Inspections.InspectionCorrected', data: { reason: '笔误' } });
  });

  it('records a piece of evidence once, whatever the retries', () => {
    const evidence = {
      evidenceId: 'ev1',
      kind: 'photo' as const,
      sha256: 'a'.repeat(64),
      size: 10,
      contentType: 'image/jpeg',
      capturedAt: at,
      key: 'k',
    };
    const once = recordEvidence(begun(), evidence).state;
    expect(recordEvidence(once, evidence).events).toEqual([]);
  });

  it('refuses evidence of a type or size that is not allowed, with a clear message', () => {
    expect(() => checkUpload('photo', 'image/gif', 1000)).toThrow(
      'a photo must be image/jpeg, image/png, image/webp; image/gif is not accepted',
    );
    expect(() => checkUpload('photo', 'image/jpeg', 11 * 1024 * 1024)).toThrow('a photo may be at most 10 MB; this one is 11.0 MB');
    expect(() => checkUpload('signature', 'image/png', 2000)).not.toThrow();
  });
});
