/** npm run bench: every benchmark in turn; paste the tables into bench/README.md with the date. */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

for (const script of [
  'bundle-size.ts',
  'entity-import.ts',
  'draw.ts',
  'timeline.ts',
  'ingest.ts',
  'outbox-batch.ts',
  'clock-sweep.ts',
  'credit-score.ts',
  'inspector-app.ts',
]) {
  console.log(`\n## ${script}\n`);
  execFileSync(resolve(import.meta.dirname, '../node_modules/.bin/tsx'), [resolve(import.meta.dirname, script)], { stdio: 'inherit' });
}
