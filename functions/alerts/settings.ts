import { configuredCalendar } from '#shared/working-days';

/**
 * The alerts context's settings. The rules themselves (thresholds, windows, deadlines) are versioned configuration in
 * the table (`POST /alert-rules`), not environment: each change is an event and each alert cites its version. Only the
 * calendar comes from the environment, as in every context that counts working days.
 */
export function alertsSettings(env: Record<string, string | undefined> = process.env): void {
  configuredCalendar(env.OFFICIAL_CALENDAR ?? '');
}
