import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderOpenApi } from '../infra/openapi.ts';

/** npm run openapi: writes openapi.yaml from the zod schemas (the contract test fails when it is stale). */
writeFileSync(resolve(import.meta.dirname, '../openapi.yaml'), renderOpenApi());
console.log('openapi.yaml written');
