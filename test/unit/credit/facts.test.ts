import { factsOf } from '#credit/domain/facts';
import { creditProfile } from '#credit/domain/profile';
import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import { ExternalInspectionResult, ExternalPenaltyDecision } from '#events/external/external-events.v1';
import { InspectionCompleted } from '#events/inspections/inspection-events.v1';

const stored = (def: { DETAIL_TYPE: string; example: unknown }, stream: string, seq: number, occurredAt: string, data = def.example) => ({
  stream,
  seq,
  type: def.DETAIL_TYPE,
  occurredAt,
  data,
});

describe('credit facts from the events the platform already has', () => {
  it('reads own inspections and decisions, and what other departments post, which count like the platform’s own', () => {
    const events = [
      stored(InspectionCompleted, 'inspection/t1~X', 9, '2026-05-04T16:30:00Z', {
        ...InspectionCompleted.example,
        result: 'non-compliant',
      }),
      stored(ExternalInspectionResult, 'external/A/X', 1, '2026-05-06T02:00:00Z'),
      stored(PenaltyDecided, 'case/c-1', 12, '2026-05-20T03:00:00Z'),
      stored(ExternalPenaltyDecision, 'external/A/X', 2, '2026-05-06T02:00:00Z'),
    ];
    const facts = events.flatMap(factsOf);
    expect(facts.map((f) => [f.kind, f.on, 'by' in f ? f.by : ''])).toEqual([
      ['inspection', '2026-05-05', 'platform'], // 16:30 UTC is the next day in China Standard Time
      ['inspection', '2026-05-05', 'other-department'], // the day the other department inspected, not the day it posted
      ['penalty', '2026-05-20', 'platform'],
      ['penalty', '2026-05-06', 'other-department'],
    ]);
    const profile = creditProfile(facts, '2026-05-20');
    // Two non-compliant inspections of 5 May, 15 of their 731 days gone: -60 x (1 - 15/731) = -58.8 -> -59 each; a fine of
    // 20,000 that day: -100; another department's fine of 5,000 of 6 May, 14 of 1,096 days gone: -49.4 -> -50.
    // 1000 - 59 - 59 - 100 - 50 = 732: C.
    expect(profile.factors.map((f) => f.rule)).toEqual([
      'credit-v1/inspection-non-compliant',
      'credit-v1/inspection-non-compliant',
      'credit-v1/penalty-fine',
      'credit-v1/penalty-fine',
    ]);
    expect(profile.factors.filter((f) => f.by === 'other-department')).toHaveLength(2);
    expect({ score: profile.score, class: profile.class }).toEqual({ score: 732, class: 'C' });
  });

  it('drops a revoked decision, and ignores results that say nothing of compliance', () => {
    const facts = [
      stored(PenaltyDecided, 'case/c-1', 12, '2026-05-20T03:00:00Z'),
      stored(DecisionRevoked, 'case/c-1', 14, '2026-06-01T03:00:00Z'),
      stored(InspectionCompleted, 'inspection/t2~X', 5, '2026-05-04T03:00:00Z', { ...InspectionCompleted.example, result: 'refused' }),
    ].flatMap(factsOf);
    // Revoked on 1 July (the example's day): counted until then, nothing after.
    expect(creditProfile(facts, '2026-06-30').score).toBeLessThan(1000);
    expect(creditProfile(facts, '2026-07-01')).toMatchObject({ score: 1000, class: 'A', factors: [] });
  });
});
