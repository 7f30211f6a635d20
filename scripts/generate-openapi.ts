import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { buildOpenApi, renderOpenApi } from '../infra/openapi.ts';
import { type OpenApiDoc, openApiBreaks } from './openapi-compat.ts';

/**
 * npm run openapi: writes openapi.yaml from the zod schemas (the contract test fails when it is stale). It refuses a
 * change that breaks a client of the committed openapi.yaml (scripts/openapi-compat.ts) unless run with
 * `-- --accept-breaking`, for a change meant to break (say so in the commit, and tell the API's clients).
 */
const file = resolve(import.meta.dirname, '../openapi.yaml');
if (existsSync(file) && !process.argv.includes('--accept-breaking')) {
  const breaks = await openApiBreaks(
    parse(readFileSync(file, 'utf8')) as OpenApiDoc,
    JSON.parse(JSON.stringify(buildOpenApi())) as OpenApiDoc,
  );
  if (breaks.length > 0) {
    console.error(`Refused: this breaks clients of the committed openapi.yaml:\n  ${breaks.join('\n  ')}`);
    console.error('Add instead of change (a new route, an optional field), or run npm run openapi -- --accept-breaking.');
    process.exit(1);
  }
}
writeFileSync(file, renderOpenApi());
console.log('openapi.yaml written');
