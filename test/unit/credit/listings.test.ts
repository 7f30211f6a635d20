import { factsOf } from '#credit/domain/facts';
import { listEntity, removeListing } from '#credit/domain/listings';
import { creditProfile } from '#credit/domain/profile';
import { RuleViolationError, StateConflictError } from '#shared/errors';

const base = { listingId: 'listing-1', agency: 'SAMR-110105', uscc: '91110105MA01ABCD13', today: '2026-07-10' };

describe('the two lists', () => {
  it('takes only the abnormal list’s causes, and a serious listing only with its case', () => {
    expect(() => listEntity({ ...base, list: 'abnormal', cause: 'late-tax' })).toThrow(RuleViolationError);
    expect(() => listEntity({ ...base, list: 'abnormal', cause: 'late-tax' })).toThrow(
      /annual-report-not-published, information-not-published/,
    );
    expect(() => listEntity({ ...base, list: 'serious', cause: '食品安全严重违法' })).toThrow(/name its case/);
    expect(listEntity({ ...base, list: 'abnormal', cause: 'unreachable-at-address' }).state).toMatchObject({
      list: 'abnormal',
      on: '2026-07-10',
    });
  });

  it('removes a serious listing early only after a year on the list, naming the earliest day', () => {
    const listed = listEntity({ ...base, list: 'serious', cause: '食品安全严重违法', caseId: 'case-1' }).state;
    let refusal: unknown;
    try {
      removeListing(listed, { reason: '已履行', today: '2027-07-09' });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StateConflictError);
    expect((refusal as StateConflictError).message).toContain('§16');
    expect((refusal as StateConflictError).extensions).toEqual({ earliest: '2027-07-10' });
    const removed = removeListing(listed, { reason: '已履行', today: '2027-07-10' }).state;
    expect(removed.removed).toEqual({ on: '2027-07-10', reason: '已履行' });
    expect(() => removeListing(removed, { reason: 'again', today: '2027-08-01' })).toThrow(/removed on 2027-07-10 already/);
  });

  it('caps the class while listed; the serious list ends by itself after 3 years, and the abnormal list never moves to it', () => {
    const stored = (listing: ReturnType<typeof listEntity>, stream: string) =>
      listing.events.map((e, i) => ({ ...e, stream, seq: i + 1, occurredAt: `${listing.state.on}T02:00:00Z` }));
    const serious = stored(listEntity({ ...base, list: 'serious', cause: '严重违法', caseId: 'case-1' }), 'credit-listing/s');
    const abnormal = stored(listEntity({ ...base, list: 'abnormal', cause: 'annual-report-not-published' }), 'credit-listing/a');
    const seriousFacts = serious.flatMap(factsOf);
    expect(creditProfile(seriousFacts, '2029-07-09').class).toBe('D');
    expect(creditProfile(seriousFacts, '2029-07-10').class).toBe('A');
    // The 2014 rule (3 years on the abnormal list moved a company to the serious one) was repealed in 2024.
    const abnormalFacts = abnormal.flatMap(factsOf);
    expect(creditProfile(abnormalFacts, '2030-01-01')).toMatchObject({ class: 'C', capped: { by: 'abnormal' } });
  });
});
