import { configuredCalendar, lastOfficialYear, officialCalendar, type WorkingCalendar } from '#shared/working-days';

let calendar: WorkingCalendar;
beforeAll(async () => {
  calendar = await officialCalendar();
});
const isWorkingDay = (date: string) => calendar.isWorkingDay(date);
const addWorkingDays = (start: string, n: number) => calendar.addWorkingDays(start, n);

describe('working days on the Chinese official calendar', () => {
  it('skips the National Day holiday and counts its adjusted working Saturday', async () => {
    // 2025: 1–8 October off; Saturday 11 October is an adjusted working day (国务院办公厅通知 2024-11-12).
    expect(await isWorkingDay('2025-10-03')).toEqual({ working: false, provisional: false });
    expect(await isWorkingDay('2025-10-11')).toEqual({ working: true, provisional: false });
    expect(await addWorkingDays('2025-09-30', 1)).toEqual({ date: '2025-10-09', provisional: false });
  });

  it('does not count the first day of a period', async () => {
    expect((await addWorkingDays('2025-03-03', 1)).date).toBe('2025-03-04');
  });

  it('marks a result past the calendar’s data as provisional, counted on weekends alone', async () => {
    const after = (await lastOfficialYear()) + 1;
    expect((await addWorkingDays(`${after}-01-05`, 3)).provisional).toBe(true);
  });

  describe('a year loaded as configuration (OFFICIAL_CALENDAR)', () => {
    const saved = process.env.OFFICIAL_CALENDAR;
    afterEach(() => {
      if (saved === undefined) delete process.env.OFFICIAL_CALENDAR;
      else process.env.OFFICIAL_CALENDAR = saved;
    });

    it('counts its holidays and adjusted working days, and is no longer provisional', async () => {
      const year = (await lastOfficialYear()) + 1;
      // The first Monday of the year off, and the Saturday after it worked (调休), as a notice would say.
      const monday = new Date(Date.UTC(year, 0, 5));
      while (monday.getUTCDay() !== 1) monday.setUTCDate(monday.getUTCDate() + 1);
      const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
      process.env.OFFICIAL_CALENDAR = JSON.stringify({ [year]: { holidays: [day(0)], workdays: [day(5)] } });
      expect(await isWorkingDay(day(0))).toEqual({ working: false, provisional: false });
      expect(await isWorkingDay(day(5))).toEqual({ working: true, provisional: false });
      expect(await isWorkingDay(day(6))).toEqual({ working: false, provisional: false });
      // Friday before the Monday, + 5 working days: Tue … Fri (4) and the worked Saturday (5).
      expect(await addWorkingDays(day(-3), 5)).toEqual({ date: day(5), provisional: false });
      expect((await addWorkingDays(`${year + 1}-01-05`, 1)).provisional).toBe(true);
    });

    it('refuses a schedule that is not one', () => {
      expect(() => configuredCalendar('{')).toThrow('OFFICIAL_CALENDAR must be JSON');
      expect(() => configuredCalendar('{"2027":{"holidays":["2027-13-01"],"workdays":[]}}')).toThrow('OFFICIAL_CALENDAR is not valid');
      expect(() => configuredCalendar('{"2027":{"holidays":["2028-01-03"],"workdays":[]}}')).toThrow('2028-01-03 not in 2027');
    });
  });
});
