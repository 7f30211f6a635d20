import { parse } from 'csv-parse/sync';
import { RuleViolationError } from '#shared/errors';

/** One row of an import file, as read, with the line it came from (1-based, header included). */
export interface RawRow {
  line: number;
  value: unknown;
}

export interface RowReport {
  line: number;
  uscc?: string;
  reason: string;
  errors?: { field: string; message: string }[];
}

/** Rows one import job takes (POST /entities/imports). */
export const MAX_IMPORT_ROWS = 100_000;
const REQUIRED_COLUMNS = ['uscc', 'name', 'industry', 'region', 'address'] as const;
const OPTIONAL_COLUMNS = ['creditClass', 'flags'] as const;

export function parseNdjson(text: string): { rows: RawRow[]; rejected: RowReport[] } {
  const rows: RawRow[] = [];
  const rejected: RowReport[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '') return;
    try {
      rows.push({ line: index + 1, value: JSON.parse(raw) });
    } catch (error) {
      rejected.push({ line: index + 1, reason: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return { rows: limitRows(rows), rejected };
}

export function parseCsv(text: string): { rows: RawRow[]; rejected: RowReport[] } {
  const rejected: RowReport[] = [];
  let header: string[] = [];
  const records = parse(text, {
    bom: true,
    columns: (names: string[]) => {
      header = names.map((n) => n.trim());
      checkHeader(header);
      return header;
    },
    info: true,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: false,
    skip_records_with_error: true,
    on_skip: (error: { lines?: number; message?: string } | undefined) => {
      if (error !== undefined) rejected.push({ line: error.lines ?? 0, reason: `not a valid CSV row: ${error.message ?? 'parse error'}` });
    },
  }) as { record: Record<string, string>; info: { lines: number } }[];
  const rows = records.map(({ record, info }) => ({ line: info.lines, value: fromCsv(record) }));
  return { rows: limitRows(rows), rejected };
}

function checkHeader(header: string[]): void {
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  const unknown = header.filter((c) => !known.includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown ${unknown.join(', ')}` : '',
    ].filter((p) => p !== '');
    throw new RuleViolationError('header', `the CSV header must be ${known.join(',')}: ${parts.join('; ')}`);
  }
}

/** CSV cells are text: an empty optional cell takes the default; flags are separated by `|`. */
function fromCsv(record: Record<string, string>): Record<string, unknown> {
  const { creditClass, flags, ...rest } = record;
  return {
    ...rest,
    ...(creditClass ? { creditClass } : {}),
    ...(flags
      ? {
          flags: flags
            .split(/[|;]/)
            .map((f) => f.trim())
            .filter((f) => f !== ''),
        }
      : {}),
  };
}

function limitRows(rows: RawRow[]): RawRow[] {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new RuleViolationError('body', `an import takes at most ${MAX_IMPORT_ROWS} rows; this one has ${rows.length}`);
  }
  return rows;
}
