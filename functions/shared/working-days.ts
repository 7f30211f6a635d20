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

export async function isWorkingDay(date: string): Promise<{ working: boolean; provisional: boolean }> {
  const { isWorkday } = await loadCalendar();
  const year = Number(date.slice(0, 4));
  if (year > (await lastOfficialYear())) {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return { working: day !== 0 && day !== 6, provisional: true };
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
