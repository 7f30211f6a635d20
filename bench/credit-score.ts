/**
 * Scoring one entity with 1,000 facts in memory (DESIGN §8: under 5 ms), against sorting the same facts (the least a
 * fold over them must do), in the same run. Run: npm run bench:credit
 */
import type { CreditFact } from '../functions/credit/domain/facts.ts';
import { creditProfile } from '../functions/credit/domain/profile.ts';
import { median } from './support.ts';

const FACTS = 1_000;
const ROUNDS = 51;
const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const facts: CreditFact[] = Array.from({ length: FACTS }, (_, i): CreditFact => {
  const source = { stream: `s/${i % 37}`, seq: i + 1, type: 'x' };
  if (i % 10 === 0)
    return { kind: 'penalty', on: day(i), types: ['fine', 'warning'], fine: 20_000 + i, decision: `case/${i}`, source, by: 'platform' };
  return {
    kind: 'inspection',
    on: day(i % 900),
    result: i % 3 === 0 ? 'non-compliant' : 'compliant',
    source,
    by: i % 2 ? 'platform' : 'other-department',
  };
}).reverse();

const score: number[] = [];
const sort: number[] = [];
for (let r = 0; r < ROUNDS + 5; r += 1) {
  let t = performance.now();
  const profile = creditProfile(facts, '2026-12-06');
  const scoreMs = performance.now() - t;
  t = performance.now();
  [...facts].sort((a, b) => a.on.localeCompare(b.on) || a.source.seq - b.source.seq);
  const sortMs = performance.now() - t;
  if (r >= 5) {
    score.push(scoreMs);
    sort.push(sortMs);
  }
  if (profile.factors.length === 0) throw new Error('no factors');
}
console.log(`| ${FACTS} facts, ${ROUNDS} rounds after 5 warm-up | median ms | × sorting them |`);
console.log('|---|---|---|');
console.log(`| credit profile | ${median(score).toFixed(2)} | ${(median(score) / median(sort)).toFixed(1)} |`);
console.log(`| sorting the facts | ${median(sort).toFixed(2)} | 1.0 |`);
