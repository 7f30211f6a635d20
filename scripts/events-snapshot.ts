/**
 * npm run events:snapshot: writes the snapshots the contract tests hold the event schemas to — every event type and
 * version's data schema (events/schemas.snapshot.json) and the published catalog's (events/external/catalog.snapshot.json).
 * It refuses a breaking change to a type and version already in a snapshot (scripts/schema-compat.ts): add a new
 * version instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogSchemas, entryBreaks, eventSchemas, type SchemaEntry } from './schema-compat.ts';

export const CATALOG_SNAPSHOT = resolve(import.meta.dirname, '../events/external/catalog.snapshot.json');
export const EVENTS_SNAPSHOT = resolve(import.meta.dirname, '../events/schemas.snapshot.json');

async function main() {
  const snapshots = [
    { file: EVENTS_SNAPSHOT, current: eventSchemas() },
    { file: CATALOG_SNAPSHOT, current: catalogSchemas() },
  ];
  let refused = false;
  for (const { file, current } of snapshots) {
    const before: SchemaEntry[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
    const breaks = await entryBreaks(before, current);
    if (breaks.length > 0) {
      console.error(`Refused (${file}): breaking changes to event versions:\n  ${breaks.join('\n  ')}\nAdd a new version instead.`);
      refused = true;
    }
  }
  if (refused) process.exit(1);
  for (const { file, current } of snapshots) {
    writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
    console.log(`${file}: ${current.length} types and versions`);
  }
}

if (import.meta.filename === process.argv[1]) await main();
