import { CREDIT_CLOCK_DEFAULTS } from '#credit/domain/credit-clocks';
import { factsOf } from '#credit/domain/facts';
import { listEntity } from '#credit/domain/listings';
import { decideOverride, requestOverride } from '#credit/domain/overrides';
import { creditProfile } from '#credit/domain/profile';
import { ExternalInspectionResult } from '#events/external/external-events.v1';
import { calendarOf } from '#shared/calendar';
import { ForbiddenError, StateConflictError } from '#shared/errors';

const base = { overrideId: 'override-1', agency: 'SAMR-110105', uscc: '91110105MA01ABCD13' };
const officer = { id: 'officer-1' };
const supervisor = { id: 'sup-1' };
const asStored = (events: { type: string; data: unknown }[], stream: string, day: string) =>
  events.map((e, i) => ({ ...e, stream, seq: i + 1, occurredAt: `${day}T02:00:00Z` }));

describe('class overrides (人工调整)', () => {
  const requested = requestOverride({
    ...base,
    class: 'B',
    computedClass: 'C',
    reason: '重复记录已复查核实',
    today: '2026-07-10',
    actor: officer,
  });

  it('asks for a class other than the computed one; a supervisor other than the asker decides once', () => {
    expect(requested.state).toMatchObject({ class: 'B', computedClass: 'C', requestedBy: 'officer-1', on: '2026-07-10' });
    expect(() => requestOverride({ ...base, class: 'C', computedClass: 'C', reason: 'x', today: '2026-07-10', actor: officer })).toThrow(
      StateConflictError,
    );
    expect(() => decideOverride(requested.state, { approve: true, note: '同意', today: '2026-07-11', actor: officer })).toThrow(
      ForbiddenError,
    );
    const decided = decideOverride(requested.state, { approve: true, note: '同意', today: '2026-07-11', actor: supervisor });
    expect(decided.state.decided).toEqual({ approved: true, note: '同意', on: '2026-07-11', by: 'sup-1' });
    expect(() => decideOverride(decided.state, { approve: false, note: '撤回', today: '2026-07-12', actor: supervisor })).toThrow(
      /approved on 2026-07-11 already/,
    );
  });

  it('shows an approved class on the profile until a later fact; a refused one changes nothing; the lists still cap it', () => {
    const inspection = (day: string, result: string, seq: number) => ({
      stream: 'external/A/X',
      seq,
      type: ExternalInspectionResult.DETAIL_TYPE,
      occurredAt: `${day}T02:00:00Z`,
      data: {
        ...ExternalInspectionResult.example,
        id: `i-${seq}`,
        data: { ...ExternalInspectionResult.example.data, inspectedOn: day, result },
      },
    });
    // Five non-compliant inspections in June: 1000 - 5 x 60 = 700 and a little decay: C.
    const june = [1, 2, 3, 4, 5].map((n) => inspection(`2026-06-0${n}`, 'non-compliant', n));
    const approved = decideOverride(requested.state, { approve: true, note: '同意', today: '2026-07-11', actor: supervisor });
    const overrideFacts = asStored(approved.events, 'credit-override/override-1', '2026-07-11').flatMap(factsOf);
    const facts = [...june.flatMap(factsOf), ...overrideFacts];
    expect(creditProfile(june.flatMap(factsOf), '2026-07-12').class).toBe('C');
    const overridden = creditProfile(facts, '2026-07-12');
    expect(overridden).toMatchObject({
      class: 'B',
      scoreClass: 'C',
      override: { class: 'B', reason: '重复记录已复查核实', on: '2026-07-11' },
    });
    expect(overridden.override?.source).toEqual({ stream: 'credit-override/override-1', seq: 1, type: 'Credit.OverrideDecided' });
    // Before the approval, the computed class.
    expect(creditProfile(facts, '2026-07-10')).not.toHaveProperty('override');
    // A later fact calls for the computed class again.
    const later = [...facts, ...[inspection('2026-08-01', 'compliant', 6)].flatMap(factsOf)];
    expect(creditProfile(later, '2026-08-02')).toMatchObject({ class: 'C' });
    expect(creditProfile(later, '2026-08-02')).not.toHaveProperty('override');
    // A refusal is no fact.
    const refused = decideOverride(requested.state, { approve: false, note: '理由不足', today: '2026-07-11', actor: supervisor });
    expect(asStored(refused.events, 'credit-override/override-1', '2026-07-11').flatMap(factsOf)).toEqual([]);
    // On the serious list the class stays D whatever the override says.
    const serious = listEntity(
      { listingId: 'l-1', ...base, list: 'serious', cause: '严重违法', caseId: 'case-1', today: '2026-07-01' },
      calendarOf(() => ({ working: true, provisional: false })),
      CREDIT_CLOCK_DEFAULTS,
    );
    const listedFacts = asStored(serious.events, 'credit-listing/l-1', '2026-07-01').flatMap(factsOf);
    expect(creditProfile([...facts, ...listedFacts], '2026-07-12')).toMatchObject({
      class: 'D',
      capped: { by: 'serious' },
      override: { class: 'B' },
    });
  });
});
