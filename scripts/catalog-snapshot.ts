/**
 * npm run catalog:snapshot: writes the event catalog's snapshot (events/external/catalog.snapshot.json) that the
 * contract test holds the catalog to. It refuses a breaking change to a type and version already in the snapshot:
 * publish a new version instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CatalogEntry, catalogBreaks } from '../events/catalog-compat.ts';
import { eventCatalog } from '../functions/ingest/domain/catalog.ts';

export const SNAPSHOT = resolve(import.meta.dirname, '../events/external/catalog.snapshot.json');

const current: CatalogEntry[] = eventCatalog().types.map(({ type, version, schema }) => ({ type, version, schema }));
const before: CatalogEntry[] = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : [];
const breaks = catalogBreaks(before, current);
if (breaks.length > 0) {
  console.error(`Refused: breaking changes to published event versions:\n  ${breaks.join('\n  ')}\nAdd a new version instead.`);
  process.exit(1);
}
writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
console.log(`${SNAPSHOT}: ${current.length} types and versions`);
