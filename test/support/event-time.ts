/**
 * When another department's system says a thing of `day` (a China Standard Time day) happened: 10:00 that day in
 * Beijing, or now if that is still to come. Ingest refuses events from the future, and between midnight and 10:00 in
 * Beijing, today's 10:00 is still ahead: a test that said `${today}T02:00:00Z` failed at those hours.
 */
export const timeOn = (day: string): string => new Date(Math.min(Date.parse(`${day}T02:00:00Z`), Date.now() - 1000)).toISOString();
