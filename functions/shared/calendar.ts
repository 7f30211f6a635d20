const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The working calendar the domain counts periods on: synchronous, so that folds and rules need not be async. An
 * adapter loads the data once (`officialCalendar()`) and hands the calendar to the domain; tests pass their own.
 */
export interface WorkingCalendar {
  isWorkingDay(date: string): { working: boolean; provisional: boolean };
  /** The date `n` working days after `start`; the first day is not counted (a period excludes its first day). */
  addWorkingDays(start: string, n: number): { date: string; provisional: boolean };
  /** `n` calendar days after `start`; a period whose last day is not a working day ends on the next working day. */
  addCalendarDays(start: string, n: number): { date: string; provisional: boolean };
}

/** A calendar over a day rule: the periods are counted the same for any source of working days. */
export function calendarOf(isWorking: (date: string) => { working: boolean; provisional: boolean }): WorkingCalendar {
  const addWorkingDays = (start: string, n: number) => {
    const day = new Date(`${start}T00:00:00Z`);
    let counted = 0;
    let provisional = false;
    while (counted < n) {
      day.setUTCDate(day.getUTCDate() + 1);
      const check = isWorking(iso(day));
      provisional ||= check.provisional;
      if (check.working) counted += 1;
    }
    return { date: iso(day), provisional };
  };
  const addCalendarDays = (start: string, n: number) => {
    const day = new Date(`${start}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + n);
    let check = isWorking(iso(day));
    let provisional = check.provisional;
    while (!check.working) {
      day.setUTCDate(day.getUTCDate() + 1);
      check = isWorking(iso(day));
      provisional ||= check.provisional;
    }
    return { date: iso(day), provisional };
  };
  return { isWorkingDay: isWorking, addWorkingDays, addCalendarDays };
}

/** Calendar days from one date to another (negative when `to` is earlier); dates as YYYY-MM-DD. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The date after a date. */
export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The day an instant falls on by the regulator's calendar: China Standard Time (UTC+8, no summer time). */
export const chinaDay = (at: number | string | Date): string => {
  const time = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(time + 8 * 3_600_000).toISOString().slice(0, 10);
};
