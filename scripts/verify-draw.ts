/**
 * npm run verify-draw -- <proof.json> [populations folder]
 * Re-runs a draw proof (DESIGN §6, draw/v1). Prints `match` or the first difference; exits 1 on a mismatch.
 * The populations folder holds one file per stratum, `<stratum>.json` as GET …/populations/{stratum} answers it
 * (or `<stratum>.txt`, one id per line).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DrawProof, verifyProof } from '../functions/sampling/domain/proof.ts';

const [proofFile, populationsDir] = process.argv.slice(2);
if (proofFile === undefined) {
  console.error('usage: npm run verify-draw -- <proof.json> [populations folder]');
  process.exit(2);
}
let proof: DrawProof;
try {
  proof = JSON.parse(readFileSync(proofFile, 'utf8')) as DrawProof;
} catch (error) {
  console.error(`cannot read ${proofFile}: ${(error as Error).message}`);
  process.exit(2);
}
const populations = new Map<string, string[]>();
if (populationsDir !== undefined) {
  for (const stratum of proof.strata) {
    const asJson = join(populationsDir, `${stratum.name}.json`);
    const asText = join(populationsDir, `${stratum.name}.txt`);
    if (existsSync(asJson)) populations.set(stratum.name, (JSON.parse(readFileSync(asJson, 'utf8')) as { ids: string[] }).ids);
    else if (existsSync(asText))
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
