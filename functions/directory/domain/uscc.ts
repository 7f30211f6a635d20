/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters; the 18th is a check character
 * over the first 17 with weights 3^i mod 31, check = 31 − (Σ mod 31), 31 → 0.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (value < 0) throw new Error(`'${first17[i]}' is not a credit code character`);
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET[check === 31 ? 0 : check] as string;
}

export type UsccProblem =
  | { kind: 'length'; message: string }
  | { kind: 'charset'; message: string }
  | { kind: 'check-character'; message: string; expected: string };

export function usccProblem(code: string): UsccProblem | undefined {
  if (code.length !== 18) return { kind: 'length', message: `must be 18 characters, got ${code.length}` };
  for (let i = 0; i < 18; i += 1) {
    if (!USCC_CHARSET.includes(code[i] as string)) {
      return { kind: 'charset', message: `character ${i + 1} ('${code[i]}') is not one of 0-9 A-H J-N P-R T-U W-Y` };
    }
  }
  const expected = checkCharacter(code.slice(0, 17));
  const actual = code[17];
  if (actual !== expected) {
    return {
      kind: 'check-character',
      message: `wrong check character: the 18th character is '${actual}' but GB 32100-2015 gives '${expected}'`,
      expected,
    };
  }
  return undefined;
}

/** Appends the check character: for fixtures, demos and benchmarks. */
export function withCheckCharacter(first17: string): string {
  return first17 + checkCharacter(first17);
}
