/**
 * The credit scoring rules (DESIGN §6 "Credit"), versioned by effective date: a fact is judged by the rule set in
 * force on the day it happened. Every figure is a setting with its source beside it; a new version is added, never
 * edited in place, so that a profile as of any date can be recomputed.
 */
export type CreditClass = 'A' | 'B' | 'C' | 'D';
export type PenaltyType = 'warning' | 'fine' | 'confiscation' | 'suspension' | 'licence-revocation';

export interface CreditRuleSet {
  /** e.g. `credit-v1`; each factor names its rule as `<id>/<rule>`. */
  id: string;
  /** The first day (China Standard Time) a fact is judged by these rules. */
  effectiveFrom: string;
  start: number;
  inspection: {
    nonCompliant: { points: number; decayMonths: number; basis: string };
    compliant: { points: number; decayMonths: number; maxTotal: number; basis: string };
  };
  penalty: {
    /** Points per measure of a decision; a decision with several measures counts each. */
    types: Record<Exclude<PenaltyType, 'fine'>, number>;
    /** A fine's points by amount (yuan, inclusive upper bounds, ascending); above the last: `above`. */
    fineTiers: { upTo: number; points: number }[];
    fineAbove: number;
    decayMonths: number;
    basis: string;
  };
  /** Class thresholds: A at or above `A`, B at or above `B`, C at or above `C`, else D. */
  classes: { A: number; B: number; C: number; basis: string };
  lists: { abnormalCap: CreditClass; seriousClass: CreditClass; basis: string };
  /** The class the national system gave the entity, recorded with it in the directory: the profile is never better. */
  national: { basis: string };
}

export const CREDIT_RULES_V1: CreditRuleSet = {
  id: 'credit-v1',
  effectiveFrom: '2000-01-01',
  start: 1000,
  inspection: {
    nonCompliant: {
      points: -60,
      decayMonths: 24,
      basis: '国市监信发〔2022〕6号（企业信用风险分类管理：抽查检查结果）；本平台评分规则 credit-v1',
    },
    compliant: { points: 10, decayMonths: 24, maxTotal: 50, basis: '国市监信发〔2022〕6号；本平台评分规则 credit-v1' },
  },
  penalty: {
    types: { warning: -20, confiscation: -150, suspension: -250, 'licence-revocation': -400 },
    fineTiers: [
      { upTo: 10_000, points: -50 },
      { upTo: 100_000, points: -100 },
      { upTo: 1_000_000, points: -150 },
    ],
    fineAbove: -200,
    // A penalty is published for 3 years at most (市场监督管理行政处罚信息公示规定 §14): its weight ends with it.
    decayMonths: 36,
    basis: '国市监信发〔2022〕6号（行政处罚信息）；《市场监督管理行政处罚信息公示规定》',
  },
  classes: { A: 900, B: 750, C: 600, basis: '国市监信发〔2022〕6号：A/B/C/D 类 = 信用风险低/一般/较高/高' },
  lists: {
    abnormalCap: 'C',
    seriousClass: 'D',
    basis: '《企业经营异常名录管理办法》（总局令第101号，2025）；《市场监督管理严重违法失信名单管理办法》（总局令第44号，2021）',
  },
  national: {
    basis: '国市监信发〔2022〕6号（全国系统作出并共享给地方监管部门的通用分类；本地档案只补充本机关掌握的信息）',
  },
};

/** The rule sets in force, oldest first. */
export const CREDIT_RULE_SETS: readonly CreditRuleSet[] = [CREDIT_RULES_V1];

/** The rule set in force on `day` (YYYY-MM-DD). */
export function rulesOn(day: string, sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS): CreditRuleSet {
  const inForce = sets.filter((s) => s.effectiveFrom <= day).at(-1);
  if (inForce === undefined) throw new Error(`no credit rule set in force on ${day}`);
  return inForce;
}

/** A fine's points under a rule set. */
export function finePoints(fine: number, rules: CreditRuleSet): number {
  return rules.penalty.fineTiers.find((t) => fine <= t.upTo)?.points ?? rules.penalty.fineAbove;
}

export function classOf(score: number, rules: CreditRuleSet): CreditClass {
  if (score >= rules.classes.A) return 'A';
  if (score >= rules.classes.B) return 'B';
  if (score >= rules.classes.C) return 'C';
  return 'D';
}
