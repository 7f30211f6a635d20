/**
 * npm run verify-draw -- <proof.json> [populations folder]
 * Re-runs a draw proof (DESIGN §6, draw/v1). Prints `match` or the first difference; exits 1 on a mismatch.
 * The populations folder holds one file per stratum, `<stratum>.json` as GET …/populations/{stratum} answers it
 * (or `<stratum>.txt`, one id per line).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type DrawProof, verifyProof } from '../functions/sampling/domain/proof.ts';

// npm runs scripts from the package folder; paths are resolved from where the command was typed (INIT_CWD).
const here = process.env.INIT_CWD ?? process.cwd();
const [proofArg, populationsArg] = process.argv.slice(2);
if (proofArg === undefined) {
  console.error('usage: npm run verify-draw -- <proof.json> [populations folder]');
  process.exit(2);
}
const proofFile = resolve(here, proofArg);
const populationsDir = populationsArg === undefined ? undefined : resolve(here, populationsArg);
let parsed: unknown;
try {
  parsed = JSON.parse(readFileSync(proofFile, 'utf8'));
} catch (error) {
  console.error(`cannot read ${proofFile}: ${(error as Error).message}`);
  process.exit(2);
}
/** What the file is when it is not a proof: an error answer saved by curl, or something else. */
function notAProof(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.status === 'number' && typeof record.title === 'string')
    return `it is an error answer (${record.status} ${record.title}${typeof record.detail === 'string' ? `: ${record.detail}` : ''}), not a proof; check the task id and token used to fetch it`;
  if (record.spec !== undefined && typeof record.spec !== 'string') return 'its "spec" is not a string';
  if (!Array.isArray(record.strata))
    return 'it has no "strata" list (GET /sampling-tasks/{id}/proof answers a proof once the task is drawn)';
  return undefined;
}
const why = notAProof(parsed);
if (why !== undefined) {
  console.error(`${proofArg} is not a draw proof: ${why}.`);
  process.exit(2);
}
const proof = parsed as DrawProof;
const populations = new Map<string, string[]>();
if (populationsDir !== undefined) {
  for (const stratum of proof.strata) {
    const asJson = join(populationsDir, `${stratum.name}.json`);
    const asText = join(populationsDir, `${stratum.name}.txt`);
    if (existsSync(asJson)) {
      const page = JSON.parse(readFileSync(asJson, 'utf8')) as { ids?: unknown; status?: number; title?: string };
      if (!Array.isArray(page.ids)) {
        console.error(`${asJson} is not a population (${page.status ?? ''} ${page.title ?? 'no "ids" list'}); fetch it again.`);
        process.exit(2);
      }
      populations.set(stratum.name, page.ids as string[]);
    } else if (existsSync(asText))
      populations.set(
        stratum.name,
        readFileSync(asText, 'utf8')
          .split(/\r?\n/)
          .filter((l) => l !== ''),
      );
  }
}
const verdict = verifyProof(proof, populations);
if (verdict.match) {
  console.log('match');
  for (const line of verdict.checked) console.log(`  checked: ${line}`);
  for (const line of verdict.unchecked) console.log(`  not checked: ${line}`);
} else {
  console.log(`mismatch: ${verdict.difference}`);
  process.exit(1);
}
