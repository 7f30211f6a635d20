import { DynamoDbAccessLog } from '#records/adapters/dynamodb-access-log';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { DynamoDbHeadReader } from '#records/adapters/dynamodb-head-reader';
import { recentInspectors } from '#sampling/published';
import { chinaDay } from '#shared/calendar';
import { dynamodb, tableName } from '#shared/dynamodb';
import { officialCalendar } from '#shared/working-days';
import { agencyRules } from '../domain/rule-book.ts';
import type { VersionedRule } from '../domain/rules.ts';
import type { AlertsDeps } from '../ports.ts';
import { alertsSettings } from '../settings.ts';

alertsSettings();
let built: Omit<AlertsDeps, 'calendar'> | undefined;
/** The context's adapters, built on first use (so that the environment the function runs with is read). */
export async function wired(): Promise<AlertsDeps> {
  built ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    reader: new DynamoDbHeadReader(dynamodb(), tableName()),
    today: () => chinaDay(Date.now()),
    now: () => new Date(),
    recentInspectors: (entities, since) => recentInspectors(dynamodb(), tableName(), entities, since),
    access: new DynamoDbAccessLog(dynamodb(), tableName()),
  };
  return { ...built, calendar: await officialCalendar() };
}

/** How long an invocation keeps an agency's rules before reading them again: a new version applies within this. */
const RULES_TTL_MS = 30_000;
const cached = new Map<string, { at: number; rules: Promise<VersionedRule[]> }>();
/** The agency's rules in force, read at most every 30 seconds per warm invocation (one query per event otherwise). */
export function rulesOf(deps: Pick<AlertsDeps, 'reader'>) {
  return (agency: string): Promise<VersionedRule[]> => {
    const hit = cached.get(agency);
    if (hit !== undefined && Date.now() - hit.at < RULES_TTL_MS) return hit.rules;
    const rules = agencyRules(deps, agency);
    cached.set(agency, { at: Date.now(), rules });
    rules.catch(() => cached.delete(agency));
    return rules;
  };
}
