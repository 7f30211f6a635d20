import { addWorkingDays, isWorkingDay, lastOfficialYear } from '#shared/working-days';

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
});
