import { majorReasons, outsideDiscretion, simpleProcedureProblem } from '#cases/domain/legal-rules';

describe('the rules around a decision', () => {
  it('makes a case major for a heavy penalty, a large fine, a hearing held or a complex flag (行政处罚法 §58)', () => {
    const fine = (n: number) => ({ types: ['fine' as const], fine: n, violationCode: 'V1', level: 'normal' as const });
    expect(majorReasons(fine(5_000), 'organisation', { hearingHeld: false, flaggedComplex: false })).toEqual([]);
    expect(majorReasons(fine(150_000), 'organisation', { hearingHeld: false, flaggedComplex: false })).toEqual(['fine over ¥100,000']);
    expect(majorReasons({ ...fine(0), types: ['suspension'] }, 'person', { hearingHeld: true, flaggedComplex: false })).toEqual([
      'penalty suspension',
      'a hearing was held',
    ]);
  });

  it('keeps the simple procedure within ¥200 for a person and ¥3,000 for an organisation (§51)', () => {
    const fine = (n: number) => ({ types: ['fine' as const], fine: n, violationCode: 'V1', level: 'normal' as const });
    expect(simpleProcedureProblem(fine(200), 'person')).toBeUndefined();
    expect(simpleProcedureProblem(fine(201), 'person')).toContain('up to ¥200 for a person');
    expect(simpleProcedureProblem(fine(3_000), 'organisation')).toBeUndefined();
    expect(simpleProcedureProblem(fine(3_001), 'organisation')).toContain('¥3000');
    expect(simpleProcedureProblem({ ...fine(0), types: ['confiscation'] }, 'person')).toContain('warnings and fines only');
  });

  it('says when a fine leaves its discretion range (裁量基准)', () => {
    const table = { V1: { lighter: { min: 0, max: 5_000 }, normal: { min: 5_000, max: 20_000 }, heavier: { min: 20_000, max: 50_000 } } };
    expect(outsideDiscretion({ types: ['fine'], fine: 8_000, violationCode: 'V1', level: 'normal' }, table)).toBeUndefined();
    expect(outsideDiscretion({ types: ['fine'], fine: 30_000, violationCode: 'V1', level: 'normal' }, table)).toBe(
      '¥30000 is outside the normal range ¥5000–¥20000 for V1',
    );
  });
});
