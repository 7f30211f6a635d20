/**
 * The rules around a decision (DESIGN §6): major cases need an approved legal review (法制审核, 行政处罚法 §58);
 * the simple procedure (简易程序, §51) has fine limits; amounts follow the discretion table (裁量基准).
 * Every number is a setting with the law's default.
 */
export type PenaltyType = 'warning' | 'fine' | 'confiscation' | 'suspension' | 'licence-revocation';

export interface ProposedPenalty {
  types: PenaltyType[];
  /** In yuan. */
  fine?: number;
  violationCode: string;
  level: 'lighter' | 'normal' | 'heavier';
}

export interface MajorCaseRule {
  /** Penalty types that always make a case major. */
  types: readonly PenaltyType[];
  /** A fine above this (yuan) makes a case major; person and organisation differ. */
  fineAbove: { person: number; organisation: number };
}

export const DEFAULT_MAJOR_RULE: MajorCaseRule = {
  types: ['suspension', 'licence-revocation'],
  fineAbove: { person: 10_000, organisation: 100_000 },
};

export function majorReasons(
  penalty: ProposedPenalty,
  party: 'person' | 'organisation',
  facts: { hearingHeld: boolean; flaggedComplex: boolean },
  rule: MajorCaseRule = DEFAULT_MAJOR_RULE,
): string[] {
  const reasons: string[] = [];
  const heavy = penalty.types.filter((t) => rule.types.includes(t));
  if (heavy.length > 0) reasons.push(`penalty ${heavy.join(', ')}`);
  if ((penalty.fine ?? 0) > rule.fineAbove[party]) reasons.push(`fine over ¥${rule.fineAbove[party].toLocaleString('en')}`);
  if (facts.hearingHeld) reasons.push('a hearing was held');
  if (facts.flaggedComplex) reasons.push('flagged complex');
  return reasons;
}

/** 行政处罚法 §51: on-the-spot decisions up to ¥200 for a person, ¥3,000 for an organisation, warnings always. */
export const SIMPLE_PROCEDURE_LIMITS = { person: 200, organisation: 3_000 } as const;

export function simpleProcedureProblem(penalty: ProposedPenalty, party: 'person' | 'organisation'): string | undefined {
  const other = penalty.types.filter((t) => t !== 'warning' && t !== 'fine');
  if (other.length > 0) return `the simple procedure (行政处罚法 §51) takes warnings and fines only, not ${other.join(', ')}`;
  const limit = SIMPLE_PROCEDURE_LIMITS[party];
  if ((penalty.fine ?? 0) > limit) {
    return `the simple procedure (行政处罚法 §51) allows fines up to ¥${limit} for ${party === 'person' ? 'a person' : 'an organisation'}, not ¥${penalty.fine}`;
  }
  return undefined;
}

/** Per violation code: its name (违法行为, shown to the public) and the fine range of each level. */
export type DiscretionTable = Record<string, Record<ProposedPenalty['level'], { min: number; max: number }> & { name?: string }>;

/** Whether a fine lies outside its discretion range (裁量基准); outside needs a written reason and supervisor approval. */
export function outsideDiscretion(penalty: ProposedPenalty, table: DiscretionTable): string | undefined {
  if (penalty.fine === undefined) return undefined;
  const range = table[penalty.violationCode]?.[penalty.level];
  if (range === undefined) return `violation ${penalty.violationCode} has no ${penalty.level} range in the discretion table`;
  if (penalty.fine < range.min || penalty.fine > range.max) {
    return `¥${penalty.fine} is outside the ${penalty.level} range ¥${range.min}–¥${range.max} for ${penalty.violationCode}`;
  }
  return undefined;
}

/** A sample discretion table (裁量基准); an agency loads its own as configuration (`CASE_DISCRETION_TABLE`). */
export const DEFAULT_DISCRETION: DiscretionTable = {
  'FOOD-35': {
    name: '未取得食品经营许可从事食品经营活动（《食品安全法》第三十五条、第一百二十二条）',
    lighter: { min: 0, max: 10_000 },
    normal: { min: 10_000, max: 50_000 },
    heavier: { min: 50_000, max: 100_000 },
  },
};
