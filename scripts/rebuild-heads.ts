/**
 * `npm run rebuild-heads -- --check [--endpoint URL] [--table NAME]`: refolds every stream of the table from its
 * events with its context's fold (DESIGN §4: state is a fold over events; the head is a cache) and reports each head
 * whose state differs, with the first field where they part. Without --check, it also writes the refolded state to
 * each differing head, only if no event was appended meanwhile. Locally, the endpoint is DynamoDB Local's, which
 * `npm start` prints; in AWS, leave it out and run with credentials that may read (and, to rebuild, update) the table.
 * Exit code: 0 when every head is its fold, 1 when some differed (even if rewritten), 2 on a usage error.
 */

import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { caseFolds } from '#cases/domain/stream-folds';
import { directoryFolds } from '#directory/domain/stream-folds';
import { ingestFolds } from '#ingest/domain/stream-folds';
import { inspectionFolds } from '#inspections/domain/inspection';
import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { rewriteHead, type ScannedHead, scanHeads } from '#records/adapters/dynamodb-head-scan';
import { checkHead, foldFor, type HeadDifference } from '#records/domain/refold';
import type { StreamFold } from '#records/domain/stream-fold';
import { samplingFolds } from '#sampling/domain/task-fold';
import { alertFolds } from '../functions/alerts/domain/stream-folds.ts';
import { creditFolds } from '../functions/credit/domain/stream-folds.ts';
import { allEvents } from '../functions/records/domain/read-all.ts';

/** Every kind of stream the platform writes, and how it folds. */
export const ALL_FOLDS: readonly StreamFold[] = [
  ...directoryFolds,
  ...samplingFolds,
  ...inspectionFolds,
  ...caseFolds,
  ...ingestFolds,
  ...creditFolds,
  ...alertFolds,
];

export interface RebuildReport {
  checked: number;
  byPrefix: Record<string, number>;
  differing: HeadDifference[];
  rewritten: number;
  /** Streams no context declares a fold for. */
  unknown: string[];
}

const CONCURRENCY = 8;

export async function rebuildHeads(options: { client: DynamoDBClient; table: string; rewrite: boolean }): Promise<RebuildReport> {
  const store = new DynamoDbEventStore(options.client, options.table);
  const report: RebuildReport = { checked: 0, byPrefix: {}, differing: [], rewritten: 0, unknown: [] };
  const one = async (head: ScannedHead) => {
    const fold = foldFor(ALL_FOLDS, head.stream);
    if (fold === undefined) {
      report.unknown.push(head.stream);
      return;
    }
    const events = await allEvents(store, [head.stream]);
    // A head read before its latest append is not a difference: compare at the version that was read.
    const { folded, index, difference } = checkHead(fold, head, events.slice(0, head.version));
    report.checked += 1;
    report.byPrefix[fold.prefix] = (report.byPrefix[fold.prefix] ?? 0) + 1;
    if (difference === undefined) return;
    report.differing.push(difference);
    if (options.rewrite && (await rewriteHead(options.client, options.table, head, folded, index))) report.rewritten += 1;
  };
  for await (const heads of scanHeads(options.client, options.table)) {
    for (let i = 0; i < heads.length; i += CONCURRENCY) await Promise.all(heads.slice(i, i + CONCURRENCY).map(one));
  }
  return report;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      endpoint: { type: 'string' },
      table: { type: 'string', default: process.env.TABLE_NAME ?? 'regulator-records' },
    },
  });
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const client = new DynamoDBClient({
    ...(endpoint === undefined
      ? {}
      : { endpoint, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  const report = await rebuildHeads({ client, table: values.table, rewrite: !values.check });
  const kinds = Object.entries(report.byPrefix)
    .map(([prefix, n]) => `${prefix} ${n}`)
    .join(', ');
  console.log(`${report.checked} heads refolded (${kinds || 'none'})`);
  for (const d of report.differing) {
    console.log(
      `differs: ${d.stream} at ${d.field || '(the whole state)'}: stored ${JSON.stringify(d.stored)}, folded ${JSON.stringify(d.folded)}`,
    );
  }
  if (report.unknown.length > 0) console.log(`no fold declared for ${report.unknown.length} stream(s), e.g. ${report.unknown[0]}`);
  if (!values.check && report.differing.length > 0) console.log(`${report.rewritten} head(s) rewritten from their events`);
  console.log(report.differing.length === 0 ? 'every head is the fold of its events' : `${report.differing.length} head(s) differ`);
  return report.differing.length === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`rebuild-heads: ${error.message}`);
      process.exit(2);
    },
  );
}
