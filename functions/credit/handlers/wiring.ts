import { DynamoDbAccessLog } from '#records/adapters/dynamodb-access-log';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { chinaDay } from '#shared/calendar';
import { dynamodb, tableName } from '#shared/dynamodb';
import { officialCalendar } from '#shared/working-days';
import type { CreditDeps } from '../ports.ts';
import { creditSettings } from '../settings.ts';

export const settings = creditSettings();
let built: Omit<CreditDeps, 'calendar'> | undefined;
/** The context's adapters, built on first use (so that the environment the function runs with is read); the calendar data is loaded then too. */
export async function wired(): Promise<CreditDeps> {
  built ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reader: new DynamoDbHeadReader(dynamodb(), tableName()),
    today: () => chinaDay(Date.now()),
    settings,
    access: new DynamoDbAccessLog(dynamodb(), tableName()),
  };
  return { ...built, calendar: await officialCalendar() };
}
