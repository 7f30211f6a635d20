import fc from 'fast-check';
import type { CreditFact } from '#credit/domain/facts';
import { creditProfile } from '#credit/domain/profile';
import vectors from '../../fixtures/credit-vectors.json';

type VectorFact = { kind: string; on: string; seq: number; result?: string; types?: string[]; fine?: number; list?: string };
const STREAM = 'entity-facts/91110105MA01ABCD13';

/** A vector's fact as the domain takes it: each from one stored event of the entity's fact stream. */
function fact(v: VectorFact): CreditFact {
  const source = { stream: STREAM, seq: v.seq, type: v.kind };
  switch (v.kind) {
    case 'inspection':
      return { kind: 'inspection', on: v.on, result: v.result as 'compliant' | 'non-compliant', source, by: 'platform' };
    case 'penalty':
      return {
        kind: 'penalty',
        on: v.on,
        types: v.types as never,
        ...(v.fine === undefined ? {} : { fine: v.fine }),
        decision: 'case/c-1',
        source,
        by: 'platform',
      };
    case 'penalty-revoked':
      return { kind: 'penalty-revoked', on: v.on, decision: 'case/c-1', source };
    case 'listed':
      return { kind: 'listed', on: v.on, list: v.list as 'abnormal' | 'serious', listing: 'listing-1', source };
    default:
      return { kind: 'unlisted', on: v.on, listing: 'listing-1', source };
  }
}

describe('the credit profile (credit-v1)', () => {
  it.each(vectors.vectors.map((v) => [v.case, v] as const))('%s', (_name, v) => {
    const profile = creditProfile((v.facts as VectorFact[]).map(fact), v.asOf);
    expect({ score: profile.score, class: profile.class }).toEqual({ score: v.score, class: v.class });
  });

  it('lists every factor with its source event, rule, article, points now and decay', () => {
    const [inspection] = creditProfile(
      [fact({ kind: 'inspection', on: '2026-01-10', result: 'non-compliant', seq: 4 })],
      '2027-01-10',
    ).factors;
    expect(inspection).toEqual({
      source: { stream: STREAM, seq: 4, type: 'inspection' },
      on: '2026-01-10',
      rule: 'credit-v1/inspection-non-compliant',
      basis: expect.stringContaining('国市监信发〔2022〕6号'),
      initialPoints: -60,
      points: -30,
      decay: { months: 24, endsOn: '2028-01-10' },
      by: 'platform',
    });
  });

  const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
  const arbitraryFact = fc.oneof(
    fc.record({ kind: fc.constant('inspection'), on: day, result: fc.constantFrom('compliant', 'non-compliant') }),
    fc.record({
      kind: fc.constant('penalty'),
      on: day,
      types: fc.subarray(['warning', 'fine', 'confiscation', 'suspension', 'licence-revocation'], { minLength: 1 }),
      fine: fc.integer({ min: 0, max: 5_000_000 }),
    }),
    fc.record({ kind: fc.constant('listed'), on: day, list: fc.constantFrom('abnormal', 'serious') }),
  );
  const facts = fc.array(arbitraryFact, { maxLength: 20 }).map((xs) => xs.map((x, i) => fact({ ...x, seq: i + 1 } as VectorFact)));

  it('gives the same profile, byte for byte, for the same facts in any order and delivered twice', () => {
    fc.assert(
      fc.property(facts, day, fc.infiniteStream(fc.nat()), (xs, asOf, picks) => {
        const shuffled = [...xs, ...xs.slice(0, picks.next().value % (xs.length + 1))].sort(() => (picks.next().value % 3) - 1);
        expect(JSON.stringify(creditProfile(shuffled, asOf))).toBe(JSON.stringify(creditProfile(xs, asOf)));
      }),
    );
  });

  it('never raises the score when a non-compliant inspection or a penalty is added', () => {
    const bad = fc.oneof(
      fc.record({ kind: fc.constant('inspection'), on: day, result: fc.constant('non-compliant') }),
      fc.record({ kind: fc.constant('penalty'), on: day, types: fc.constant(['fine']), fine: fc.integer({ min: 0, max: 5_000_000 }) }),
    );
    fc.assert(
      fc.property(facts, bad, day, (xs, b, asOf) => {
        const worse = [...xs, fact({ ...b, seq: xs.length + 1 } as VectorFact)];
        expect(creditProfile(worse, asOf).score).toBeLessThanOrEqual(creditProfile(xs, asOf).score);
      }),
    );
  });

  it('decays an inspection to exactly 0 at 24 months, and not before', () => {
    fc.assert(
      fc.property(day, (on) => {
        const profileOn = (asOf: string) => creditProfile([fact({ kind: 'inspection', on, result: 'non-compliant', seq: 1 })], asOf);
        const endsOn = profileOn(on).factors[0]?.decay.endsOn as string;
        const before = new Date(Date.parse(`${endsOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(profileOn(endsOn).factors[0]?.points).toBe(0);
        expect(profileOn(endsOn).score).toBe(1000);
        expect(profileOn(before).factors[0]?.points).toBeLessThan(0);
      }),
    );
  });
});
