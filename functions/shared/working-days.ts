import * as z from 'zod';

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
const iso = (d: Date) => d.toISOString().slice(0, 10);

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

export async function isWorkingDay(date: string): Promise<{ working: boolean; provisional: boolean }> {
  const { isWorkday } = await loadCalendar();
  const year = Number(date.slice(0, 4));
  if (year > (await lastOfficialYear())) {
    const weekday = ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const loaded = configuredCalendar()[String(year)];
    if (loaded !== undefined) {
      return { working: loaded.workdays.includes(date) || (weekday && !loaded.holidays.includes(date)), provisional: false };
    }
    return { working: weekday, provisional: true };
  }
  return { working: isWorkday(date), provisional: false };
}

/** The date `n` working days after `start`; the first day is not counted (a period excludes its first day). */
export async function addWorkingDays(start: string, n: number): Promise<{ date: string; provisional: boolean }> {
  const day = new Date(`${start}T00:00:00Z`);
  let counted = 0;
  let provisional = false;
  while (counted < n) {
    day.setUTCDate(day.getUTCDate() + 1);
    const check = await isWorkingDay(iso(day));
    provisional ||= check.provisional;
    if (check.working) counted += 1;
  }
  return { date: iso(day), provisional };
}

/** `n` calendar days after `start`; a period whose last day is not a working day ends on the next working day. */
export async function addCalendarDays(start: string, n: number): Promise<{ date: string; provisional: boolean }> {
  const day = new Date(`${start}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + n);
  let check = await isWorkingDay(iso(day));
  let provisional = check.provisional;
  while (!check.working) {
    day.setUTCDate(day.getUTCDate() + 1);
    check = await isWorkingDay(iso(day));
    provisional ||= check.provisional;
  }
  return { date: iso(day), provisional };
}
