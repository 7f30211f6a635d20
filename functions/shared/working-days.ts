import * as z from 'zod';
import { calendarOf, type WorkingCalendar } from './calendar.ts';

export type { WorkingCalendar };

type ChineseDays = typeof import('chinese-days').default;

/** Loaded on first use: the calendar data costs import time that most invocations never need. */
let loaded: ChineseDays | undefined;
export async function loadCalendar(): Promise<ChineseDays> {
  loaded ??= (await import('chinese-days')).default;
  return loaded;
}

/**
 * Working days (工作日) by the Chinese official calendar, adjusted working days (调休) included, from the
 * maintained `chinese-days` data. Past the last year it holds, weekends alone count and the result is marked
 * provisional (DESIGN §6).
 */

let lastKnownYear: number | undefined;
export async function lastOfficialYear(): Promise<number> {
  const { getHolidaysInRange } = await loadCalendar();
  if (lastKnownYear === undefined) {
    let year = 2026;
    while (getHolidaysInRange(`${year + 1}-01-01`, `${year + 1}-12-31`, false).length > 0) year += 1;
    lastKnownYear = year;
  }
  return lastKnownYear;
}

/**
 * Years the package does not hold yet, loaded by an admin as configuration (DESIGN §6) from the State Council's
 * notice: `OFFICIAL_CALENDAR` = `{"2027": {"holidays": [weekdays off], "workdays": [weekend days worked (调休)]}}`.
 */
const DAY = z.iso.date();
const YearSchedule = z.strictObject({ holidays: z.array(DAY).max(60), workdays: z.array(DAY).max(20) });
const CalendarConfig = z.record(z.string().regex(/^\d{4}$/, 'a year'), YearSchedule);
export type OfficialCalendar = z.infer<typeof CalendarConfig>;

let configured: { raw: string; value: OfficialCalendar } | undefined;
export function configuredCalendar(raw = process.env.OFFICIAL_CALENDAR ?? ''): OfficialCalendar {
  if (configured?.raw === raw) return configured.value;
  let value: OfficialCalendar = {};
  if (raw.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Error('OFFICIAL_CALENDAR must be JSON: {"2027": {"holidays": [...], "workdays": [...]}}');
    }
    const parsed = CalendarConfig.safeParse(json);
    if (!parsed.success) throw new Error(`OFFICIAL_CALENDAR is not valid: ${z.prettifyError(parsed.error)}`);
    for (const [year, schedule] of Object.entries(parsed.data)) {
      const stray = [...schedule.holidays, ...schedule.workdays].filter((d) => !d.startsWith(`${year}-`));
      if (stray.length > 0) throw new Error(`OFFICIAL_CALENDAR: ${stray.join(', ')} not in ${year}`);
    }
    value = parsed.data;
  }
  configured = { raw, value };
  return value;
}

/**
 * The official calendar: the `chinese-days` data up to its last year, then the years loaded as `OFFICIAL_CALENDAR`,
 * then weekends alone (provisional). Loaded on first use; the configured years are read at each call, so that a
 * setting changed in a test or a trial takes effect.
 */
export async function officialCalendar(): Promise<WorkingCalendar> {
  const { isWorkday } = await loadCalendar();
  const last = await lastOfficialYear();
  return calendarOf((date) => {
    const year = Number(date.slice(0, 4));
    if (year <= last) return { working: isWorkday(date), provisional: false };
    const weekday = ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const loaded = configuredCalendar()[String(year)];
    if (loaded !== undefined) {
      return { working: loaded.workdays.includes(date) || (weekday && !loaded.holidays.includes(date)), provisional: false };
    }
    return { working: weekday, provisional: true };
  });
}
