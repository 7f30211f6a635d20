import { MAX_IMPORT_ROWS, parseCsv, parseNdjson } from '#directory/domain/import-rows';
import { RuleViolationError } from '#shared/errors';

describe('import files', () => {
  it('reads NDJSON rows with their line numbers, skipping blank lines', () => {
    const { rows, rejected } = parseNdjson('{"uscc":"a"}\n\n{"uscc":"b"}\n');
    expect(rows).toEqual([
      { line: 1, value: { uscc: 'a' } },
      { line: 3, value: { uscc: 'b' } },
    ]);
    expect(rejected).toEqual([]);
  });

  it('reports an NDJSON line that is not JSON and keeps the others', () => {
    const { rows, rejected } = parseNdjson('{"uscc":"a"}\n{oops\n');
    expect(rows).toHaveLength(1);
    expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining('not valid JSON') }]);
  });

  it('reads CSV rows with the header as line 1, defaults for empty optional cells and |-separated flags', () => {
    const csv =
      'uscc,name,industry,region,address,creditClass,flags\nA,甲,F52,110105,地址,,\nB,乙,F52,110105,"地址, 二",C,abnormal-operations|serious-illegal-dishonesty\n';
    const { rows } = parseCsv(csv);
    expect(rows).toEqual([
      { line: 2, value: { uscc: 'A', name: '甲', industry: 'F52', region: '110105', address: '地址' } },
      {
        line: 3,
        value: {
          uscc: 'B',
          name: '乙',
          industry: 'F52',
          region: '110105',
          address: '地址, 二',
          creditClass: 'C',
          flags: ['abnormal-operations', 'serious-illegal-dishonesty'],
        },
      },
    ]);
  });

  it('reports a CSV row with the wrong number of cells and keeps the others', () => {
    const { rows, rejected } = parseCsv('uscc,name,industry,region,address\nA,甲,F52,110105,地址\nB,乙\nC,丙,F52,110105,地址\n');
    expect(rows.map((r) => r.line)).toEqual([2, 4]);
    expect(rejected).toEqual([{ line: 3, reason: expect.stringContaining('not a valid CSV row') }]);
  });

  it('refuses a CSV header with a missing or unknown column, naming them', () => {
    expect(() => parseCsv('uscc,name,region,address,colour\n')).toThrow(RuleViolationError);
    expect(() => parseCsv('uscc,name,region,address,colour\n')).toThrow(/missing industry; unknown colour/);
  });

  it(`refuses more than ${MAX_IMPORT_ROWS} rows`, () => {
    const text = '{}\n'.repeat(MAX_IMPORT_ROWS + 1);
    expect(() => parseNdjson(text)).toThrow(/at most 100000 rows/);
  });
});
