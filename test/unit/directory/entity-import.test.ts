import {
  type ChunkEntry,
  classifyRows,
  continueImport,
  IMPORT_CHUNK_ROWS,
  IMPORT_WAVE_CHUNKS,
  readImport,
  requestImport,
} from '#directory/domain/entity-import';
import { parseCsv, parseNdjson } from '#directory/domain/import-rows';
import type { ChunkStore } from '#directory/ports';
import { EntityBody } from '#directory/schemas';
import { verifyChain } from '#records/domain/hash-chain';
import type { AppendInput } from '#records/ports';
import { RuleViolationError } from '#shared/errors';
import { fieldErrors } from '#shared/field-errors';
import { entityInput } from '../../support/directory-fixtures.ts';
import { InMemoryEventStore } from '../../support/in-memory-event-store.ts';

const AGENCY = 'SAMR-110105';
const ctx = { actor: { id: 'sup-1', role: 'supervisor', agency: AGENCY }, agency: AGENCY, correlationId: 'corr-1' };
const never = () => false;

class MemoryChunks implements ChunkStore {
  readonly documents = new Map<string, string>();
  async putAll(documents: readonly { key: string; data: string }[]) {
    for (const d of documents) this.documents.set(d.key, d.data);
  }
  async get(key: string) {
    return this.documents.get(key);
  }
}

const ndjson = (lines: unknown[]) =>
  classifyRows(parseNdjson(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')), EntityBody, fieldErrors);
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => entityInput(from + i));

describe('an entity import job', () => {
  let store: InMemoryEventStore;
  let deps: { store: InMemoryEventStore; chunks: MemoryChunks; clock: () => Date };
  let serial = 0;
  const start = async (entries: ChunkEntry[]) => {
    serial += 1;
    const id = `imp-00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
    return requestImport(deps, ctx, { format: 'ndjson', sha256: 'a'.repeat(64), entries }, id);
  };
  beforeEach(() => {
    store = new InMemoryEventStore();
    deps = { store, chunks: new MemoryChunks(), clock: () => store.now };
  });

  it('registers the good rows and reports every other row by line and reason', async () => {
    const entries = ndjson([
      entityInput(1),
      { ...entityInput(2), uscc: `${entityInput(2).uscc.slice(0, 17)}0` },
      entityInput(3),
      '{bad json',
      entityInput(4, { extra: 1 }),
      entityInput(1),
      { ...entityInput(5), name: 'x\ud800' },
    ]);
    const job = await start(entries);
    const done = await continueImport(deps, { agency: AGENCY, jobId: job.id }, never);
    expect(done).toMatchObject({ status: 'completed', total: 7, rowsDone: 7, accepted: 2, duplicates: 1, rejected: 4 });
    const view = await readImport(deps, AGENCY, job.id);
    expect(view.rows.map((r) => [r.line, r.outcome, r.reason.split(':')[0]])).toEqual([
      [2, 'rejected', 'uscc'],
      [4, 'rejected', 'not valid JSON'],
      [5, 'rejected', 'extra'],
      [6, 'duplicate', 'repeats line 1 of this file'],
      [7, 'rejected', 'name'],
    ]);
    expect(store.heads.has(`entity/${AGENCY}/${entityInput(3).uscc}`)).toBe(true);
  });

  it('creates nothing twice when the same file is imported again', async () => {
    const file = ndjson(rows(1, 3));
    await continueImport(deps, { agency: AGENCY, jobId: (await start(file)).id }, never);
    const streams = store.events.size;
    const again = await continueImport(deps, { agency: AGENCY, jobId: (await start(file)).id }, never);
    expect(again).toMatchObject({ status: 'completed', accepted: 0, duplicates: 3, rejected: 0 });
    expect(store.events.size).toBe(streams + 1);
  });

  it('hands over when its time is up, and the next run finishes with exact totals on one verified chain', async () => {
    const count = IMPORT_CHUNK_ROWS * IMPORT_WAVE_CHUNKS * 2 + 10;
    const job = await start(ndjson(rows(1, count)));
    const first = await continueImport(deps, { agency: AGENCY, jobId: job.id }, () => true);
    expect(first).toMatchObject({ status: 'running', rowsDone: IMPORT_CHUNK_ROWS * IMPORT_WAVE_CHUNKS });
    const stream = store.events.get(`entity-import/${AGENCY}/${job.id}`) ?? [];
    expect(stream.at(-1)).toMatchObject({ type: 'Directory.ImportHandedOver', data: { nextChunk: IMPORT_WAVE_CHUNKS } });
    const done = await continueImport(deps, { agency: AGENCY, jobId: job.id }, never);
    expect(done).toMatchObject({ status: 'completed', rowsDone: count, accepted: count, duplicates: 0 });
    const chain = store.events.get(`entity-import/${AGENCY}/${job.id}`) ?? [];
    expect(verifyChain(chain)).toMatchObject({ ok: true, checked: chain.length });
    expect(chain.filter((e) => e.type === 'Directory.ImportChunkProcessed').map((e) => e.data.chunk)).toEqual([
      ...Array.from({ length: Math.ceil(count / IMPORT_CHUNK_ROWS) }, (_, i) => i),
    ]);
  });

  it('redoes a wave whose report was lost in a crash, counting the rows it had written as accepted', async () => {
    const job = await start(ndjson(rows(1, 600)));
    const append = store.append.bind(store);
    let crashed = false;
    store.append = async (input: AppendInput) => {
      if (!crashed && input.stream.startsWith('entity-import/')) {
        crashed = true;
        throw new Error('the function was killed');
      }
      return append(input);
    };
    await expect(continueImport(deps, { agency: AGENCY, jobId: job.id }, never)).rejects.toThrow('killed');
    expect(store.heads.has(`entity/${AGENCY}/${entityInput(600).uscc}`)).toBe(true);
    const done = await continueImport(deps, { agency: AGENCY, jobId: job.id }, never);
    expect(done).toMatchObject({ status: 'completed', accepted: 600, duplicates: 0 });
  });

  it('records each chunk once when two deliveries run the same job at once', async () => {
    const job = await start(ndjson(rows(1, 1200)));
    const ref = { agency: AGENCY, jobId: job.id };
    await Promise.all([continueImport(deps, ref, never), continueImport(deps, ref, never)]);
    const view = await readImport(deps, AGENCY, job.id);
    expect(view).toMatchObject({ status: 'completed', accepted: 1200, duplicates: 0, rows: [] });
    const chain = store.events.get(`entity-import/${AGENCY}/${job.id}`) ?? [];
    expect(chain.filter((e) => e.type === 'Directory.ImportCompleted')).toHaveLength(1);
  });

  it('ends as failed when no row could be registered', async () => {
    const job = await start(ndjson(['{bad', '{worse']));
    expect(await continueImport(deps, { agency: AGENCY, jobId: job.id }, never)).toMatchObject({ status: 'failed', rejected: 2 });
  });

  it('refuses a file with no rows, and a CSV with its header only', async () => {
    await expect(start(ndjson([]))).rejects.toBeInstanceOf(RuleViolationError);
    const headerOnly = classifyRows(parseCsv('uscc,name,industry,region,address\n'), EntityBody, fieldErrors);
    await expect(start(headerOnly)).rejects.toThrow('no rows');
  });
});
