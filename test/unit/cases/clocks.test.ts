import { type ClockFacts, deadlines, urgency } from '#cases/domain/clocks';
import { officialCalendar } from '#shared/working-days';
import vectors from '../../fixtures/case-clocks-2025.json';

describe('statutory clocks on the Chinese official calendar (vectors of 2025, worked by hand from the State Council notice)', () => {
  it.each(vectors.vectors.map((v) => [v.case, v] as const))('%s', async (_name, vector) => {
    const due = deadlines(vector.facts as ClockFacts, await officialCalendar());
    for (const [name, date] of Object.entries(vector.expect)) {
      expect(due.find((d) => d.name === name)).toEqual({ name, due: date, provisional: false });
    }
  });

  it('says a deadline is near within 10 days and passed after it', () => {
    const deadline = { name: 'decision' as const, due: '2025-06-03', provisional: false };
    expect(urgency(deadline, '2025-05-20')).toBeUndefined();
    expect(urgency(deadline, '2025-05-24')).toBe('near');
    expect(urgency(deadline, '2025-06-04')).toBe('passed');
  });
});
