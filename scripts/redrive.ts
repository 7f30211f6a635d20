/**
 * `npm run redrive -- <rule> [--url http://127.0.0.1:3000]`: queues a rule's dead letters (.data/dead-letter/<rule>.ndjson)
 * again on the running local runtime, once the consumer's fault is fixed. Consumers are idempotent, so a letter that
 * had in fact been handled changes nothing. In AWS, replay from the bus archive instead (README, Deploy to AWS).
 */
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string', default: 'http://127.0.0.1:3000' } },
});
const rule = positionals[0];
if (rule === undefined) {
  console.error('usage: npm run redrive -- <rule> [--url http://127.0.0.1:3000]   (rules: see infra/topology.ts)');
  process.exit(2);
}
try {
  const response = await fetch(`${values.url}/_local/dead-letters/${encodeURIComponent(rule)}/redrive`, { method: 'POST' });
  const body = (await response.json()) as { redriven?: number; message?: string };
  if (response.status !== 200) {
    console.error(body.message ?? `the runtime answered ${response.status}`);
    process.exit(1);
  }
  console.log(`${body.redriven} dead letter(s) of rule ${rule} queued again`);
} catch (error) {
  console.error(`no local runtime answers at ${values.url} (${(error as Error).message}); start it with npm start`);
  process.exit(1);
}
