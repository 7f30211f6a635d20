import fc from 'fast-check';
import { checkCharacter, USCC_CHARSET, usccProblem, withCheckCharacter } from '#directory/domain/uscc';

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(['9144030071526726XG', '91330100799655058B', '91110108551385082Q'])('accepts the published code %s', (code) => {
    expect(usccProblem(code)).toBeUndefined();
  });

  it('names the wrong check character and the expected one', () => {
    expect(usccProblem('9144030071526726XA')).toEqual({
      kind: 'check-character',
      expected: 'G',
      message: "wrong check character: the 18th character is 'A' but GB 32100-2015 gives 'G'",
    });
  });

  it('refuses letters outside the charset (I, O, S, V, Z) by position', () => {
    expect(usccProblem('9144030071526726IG')).toMatchObject({ kind: 'charset', message: expect.stringContaining('character 17') });
  });

  it('refuses a code that is not 18 characters long', () => {
    expect(usccProblem('914403007152672')).toMatchObject({ kind: 'length' });
  });

  it('maps a check value of 31 to 0', () => {
    // Σ ≡ 0 (mod 31) gives 31 − 0 = 31, which the standard writes as '0'.
    expect(checkCharacter('00000000000000000')).toBe('0');
  });

  const body = fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 }).map((c) => c.join(''));

  it('accepts every code completed with its check character', () => {
    fc.assert(fc.property(body, (first17) => usccProblem(withCheckCharacter(first17)) === undefined));
  });

  it('refuses every other 18th character', () => {
    fc.assert(
      fc.property(body, fc.constantFrom(...USCC_CHARSET), (first17, last) => {
        fc.pre(last !== checkCharacter(first17));
        return usccProblem(first17 + last)?.kind === 'check-character';
      }),
    );
  });

  it('detects any single changed character among the first 17', () => {
    fc.assert(
      fc.property(body, fc.nat(16), fc.constantFrom(...USCC_CHARSET), (first17, position, replacement) => {
        fc.pre(first17[position] !== replacement);
        const valid = withCheckCharacter(first17);
        const edited = valid.slice(0, position) + replacement + valid.slice(position + 1);
        return usccProblem(edited) !== undefined;
      }),
    );
  });
});
