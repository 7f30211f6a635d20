import { DynamoDbAccessLog } from '#records/adapters/dynamodb-access-log';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { chinaDay } from '#shared/calendar';
import { dynamodb, tableName } from '#shared/dynamodb';
import { evidenceStore } from '#shared/evidence/evidence-store';
import { officialCalendar } from '#shared/working-days';
import type { CaseDeps } from '../ports.ts';
import { caseSettings } from '../settings.ts';

export const settings = caseSettings();
let adapters: Pick<CaseDeps, 'store' | 'reader' | 'access' | 'evidence'> | undefined;
/** The adapters, built on first use; the calendar data is loaded then too (the domain counts on it synchronously). */
export async function wired(): Promise<CaseDeps> {
  adapters ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reader: new DynamoDbHeadReader(dynamodb(), tableName()),
    access: new DynamoDbAccessLog(dynamodb(), tableName()),
    evidence: evidenceStore(),
  };
  return {
    ...adapters,
    today: () => chinaDay(Date.now()),
    now: () => new Date().toISOString(),
    dayIn: (days) => chinaDay(Date.now() + days * 86_400_000),
    calendar: await officialCalendar(),
    settings,
  };
}
