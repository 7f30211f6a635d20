import type * as z from 'zod';
import { ImportChunkProcessed } from '#events/directory/import-chunk-processed.v1';
import { ImportCompleted } from '#events/directory/import-completed.v1';
import { ImportHandedOver } from '#events/directory/import-handed-over.v1';
import { ImportRequested } from '#events/directory/import-requested.v1';
import type { importRowReport } from '#events/directory/import-values';
import type { Actor, NewEvent, RecordedEvent } from '#records/domain/recorded-event';
import type { EventStore } from '#records/ports';
import { NotFoundError, RuleViolationError, VersionConflictError } from '#shared/errors';
import { illFormedField } from '#shared/well-formed';
import { IMPORT_BLOBS, IMPORT_JOB_STREAMS } from '../adapters/table-layout.ts';
import type { ChunkStore } from '../ports.ts';
import type { CommandContext } from './directory-commands.ts';
import { MAX_IMPORT_ROWS, type RawRow, type RowReport } from './import-rows.ts';
import { type EntityState, entityKind } from './record-kinds.ts';

/**
 * Bulk import as a job (POST /entities/imports): the request validates every row and stores the file in chunks,
 * then a consumer writes the chunks a wave at a time, recording each chunk's report on the job's own hash-chained
 * stream. An invocation stops taking waves within its time budget and hands over to the next, so none comes near
 * its timeout; a crashed one is redelivered and redoes its unrecorded wave (rows are idempotent: a row this job
 * wrote before the crash counts as accepted, any other existing one as a duplicate).
 */
/** Rows per chunk: a chunk's report (at most 250 rows of ≤ 500 characters) stays far under EventBridge's 256 KB. */
export const IMPORT_CHUNK_ROWS = 250;
/** Chunks written together: 4,000 rows, 80 transactions of 50 rows, so that every writer stays busy. */
export const IMPORT_WAVE_CHUNKS = 16;
/** A page of a job's row reports stays under this many bytes of JSON. */
const REPORT_PAGE_BYTES = 1024 * 1024;

export type ImportRowReport = z.infer<typeof importRowReport>;
type Outcome = 'duplicate' | 'rejected';

/** One line of the file as the job keeps it: a valid entity to write, or what is wrong with it. */
export type ChunkEntry = { line: number; entity: EntityState } | (ImportRowReport & { outcome: Outcome });

export interface ImportJob {
  id: string;
  agency: string;
  format: 'ndjson' | 'csv';
  sha256: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  chunks: number;
  nextChunk: number;
  rowsDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  requestedAt: string;
  requestedBy: Actor;
  completedAt?: string;
}

export interface ImportDeps {
  store: EventStore;
  chunks: ChunkStore;
  clock: () => Date;
}

export const importStream = (agency: string, jobId: string) => `${IMPORT_JOB_STREAMS}${agency}/${jobId}`;
const chunkKey = (agency: string, jobId: string, chunk: number) => `${IMPORT_BLOBS}${agency}/${jobId}/${chunk}`;

/** The job is the fold of its events (DESIGN §4); the head keeps it as a cache. */
export function evolveImport(job: ImportJob | undefined, event: RecordedEvent): ImportJob {
  if (event.type === ImportRequested.DETAIL_TYPE) {
    const data = ImportRequested.data.parse(event.data);
    return {
      id: data.jobId,
      agency: event.actor.agency,
      format: data.format,
      sha256: data.sha256,
      status: 'running',
      total: data.total,
      chunks: data.chunks,
      nextChunk: 0,
      rowsDone: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      requestedAt: event.occurredAt,
      requestedBy: event.actor,
    };
  }
  if (job === undefined) throw new Error(`${event.stream} does not start with ${ImportRequested.DETAIL_TYPE}`);
  if (event.type === ImportChunkProcessed.DETAIL_TYPE) {
    const data = ImportChunkProcessed.data.parse(event.data);
    return {
      ...job,
      nextChunk: data.chunk + 1,
      rowsDone: job.rowsDone + data.rows,
      accepted: job.accepted + data.accepted,
      duplicates: job.duplicates + data.duplicates.length,
      rejected: job.rejected + data.rejected.length,
    };
  }
  if (event.type === ImportCompleted.DETAIL_TYPE) {
    const data = ImportCompleted.data.parse(event.data);
    // A file none of whose rows could be registered (every one refused) is a failed import, not a success.
    return {
      ...job,
      status: data.accepted === 0 && data.rejected > 0 && data.duplicates === 0 ? 'failed' : 'completed',
      completedAt: event.occurredAt,
    };
  }
  if (event.type === ImportHandedOver.DETAIL_TYPE) return job;
  throw new Error(`an import job has no event ${event.type}`);
}

/** Every row of the file, valid or not, in line order; repeats of a credit code within the file are duplicates. */
export function classifyRows(
  parsed: { rows: RawRow[]; rejected: RowReport[] },
  schema: z.ZodType<EntityState>,
  describeErrors: (error: z.ZodError) => { field: string; message: string }[],
): ChunkEntry[] {
  const entries: ChunkEntry[] = parsed.rejected.map((r) => ({ line: r.line, outcome: 'rejected', reason: bounded(r.reason) }));
  const firstLine = new Map<string, number>();
  for (const row of parsed.rows) {
    const illFormed = illFormedField(row.value);
    if (illFormed !== undefined) {
      const uscc = usccIn(row.value);
      entries.push({
        line: row.line,
        ...(uscc === undefined ? {} : { uscc }),
        outcome: 'rejected',
        reason: `${illFormed}: text that is not well-formed Unicode (a lone surrogate)`,
      });
      continue;
    }
    const result = schema.safeParse(row.value);
    if (!result.success) {
      const uscc = usccIn(row.value);
      const reason = describeErrors(result.error)
        .map((e) => `${e.field}: ${e.message}`)
        .join('; ');
      entries.push({ line: row.line, ...(uscc === undefined ? {} : { uscc }), outcome: 'rejected', reason: bounded(reason) });
      continue;
    }
    const seen = firstLine.get(result.data.uscc);
    if (seen !== undefined) {
      entries.push({ line: row.line, uscc: result.data.uscc, outcome: 'duplicate', reason: `repeats line ${seen} of this file` });
      continue;
    }
    firstLine.set(result.data.uscc, row.line);
    entries.push({ line: row.line, entity: result.data });
  }
  return entries.sort((a, b) => a.line - b.line);
}

function usccIn(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('uscc' in value)) return undefined;
  return typeof value.uscc === 'string' && value.uscc.length <= 64 && illFormedField(value.uscc) === undefined ? value.uscc : undefined;
}

const bounded = (reason: string) => (reason.length <= 500 ? reason : `${reason.slice(0, 497)}...`);

/** Stores the classified file in chunks, then records the request: the job exists once its chunks do. */
export async function requestImport(
  deps: ImportDeps,
  ctx: CommandContext,
  file: { format: 'ndjson' | 'csv'; sha256: string; entries: ChunkEntry[] },
  jobId: string,
): Promise<ImportJob> {
  const total = file.entries.length;
  if (total === 0) throw new RuleViolationError('body', 'the file has no rows to import (a CSV needs its header and at least one row)');
  if (total > MAX_IMPORT_ROWS) {
    throw new RuleViolationError('body', `an import takes at most ${MAX_IMPORT_ROWS} rows; this file has ${total}`);
  }
  const chunks: ChunkEntry[][] = [];
  for (let i = 0; i < total; i += IMPORT_CHUNK_ROWS) chunks.push(file.entries.slice(i, i + IMPORT_CHUNK_ROWS));
  await deps.chunks.putAll(chunks.map((entries, i) => ({ key: chunkKey(ctx.agency, jobId, i), data: JSON.stringify(entries) })));
  const events: NewEvent[] = [
    {
      type: ImportRequested.DETAIL_TYPE,
      version: ImportRequested.VERSION,
      data: { jobId, format: file.format, total, chunks: chunks.length, sha256: file.sha256 },
      occurredAt: deps.clock().toISOString(),
    },
  ];
  const job = foldNew(events, ctx.actor);
  await deps.store.append({
    stream: importStream(ctx.agency, jobId),
    expectedVersion: 0,
    events,
    actor: ctx.actor,
    agency: ctx.agency,
    correlationId: ctx.correlationId,
    head: { state: job },
  });
  return job;
}

/**
 * The fold of events about to be appended, cached on the head written with them: the events carry their own
 * `occurredAt`, so this is exactly the fold of what the store records.
 */
function foldNew(events: readonly NewEvent[], actor: Actor, from?: ImportJob): ImportJob {
  return foldAll(
    events.map((e, i) => ({
      stream: '',
      seq: i + 1,
      type: e.type,
      version: e.version,
      occurredAt: e.occurredAt ?? '',
      recordedAt: e.occurredAt ?? '',
      actor,
      correlationId: '',
      data: e.data,
      prevHash: '',
      hash: '',
    })),
    from,
  );
}

function foldAll(events: readonly RecordedEvent[], from?: ImportJob): ImportJob {
  const job = events.reduce<ImportJob | undefined>(evolveImport, from);
  if (job === undefined) throw new Error('an import job without events');
  return job;
}

/**
 * Runs the job on from where its record says it stands, a wave at a time, until it is done or `timeIsUp` says
 * the invocation's budget is spent (then it hands over). Safe to run twice at once: the job's stream takes each
 * wave's report once, and the other runner stops at its version conflict.
 */
export async function continueImport(
  deps: ImportDeps,
  ref: { agency: string; jobId: string },
  timeIsUp: () => boolean,
): Promise<ImportJob> {
  const stream = importStream(ref.agency, ref.jobId);
  const head = await deps.store.head(stream);
  if (head === undefined) throw new NotFoundError(`Import job ${ref.jobId}`);
  const recorded = head.state as ImportJob;
  const ctx: CommandContext = { actor: recorded.requestedBy, agency: recorded.agency, correlationId: recorded.id };
  const actor = { id: 'entity-import', role: 'system', agency: recorded.agency };
  let version = head.version;
  let prevHash = head.lastHash;
  /** The job as it stands once every wave written so far is recorded. */
  let planned = recorded;
  /** The record of the waves written so far; false once another runner turns out to be ahead. */
  let recording: Promise<boolean> = Promise.resolve(true);
  const record = (events: NewEvent[], state: ImportJob) => async (ok: boolean) => {
    if (!ok) return false;
    try {
      const appended = await deps.store.append({
        stream,
        expectedVersion: version,
        prevHash,
        events,
        actor,
        agency: recorded.agency,
        correlationId: recorded.id,
        head: { state },
      });
      version = appended.version;
      prevHash = appended.events.at(-1)?.hash ?? prevHash;
      return true;
    } catch (error) {
      // Another runner recorded this wave first (a redelivery racing this one): it carries on, this one stops.
      if (error instanceof VersionConflictError) return false;
      throw error;
    }
  };
  let next = loadWave(deps, recorded, recorded.nextChunk);
  while (planned.status === 'running') {
    const wave = await next;
    const after = planned.nextChunk + wave.length;
    // The next wave's chunks are read while this one is written...
    next = after < recorded.chunks ? loadWave(deps, recorded, after) : Promise.resolve([]);
    const reports = await writeWave(deps, ctx, recorded, wave);
    const handOver = after < recorded.chunks && timeIsUp();
    const events = waveEvents(planned, reports, deps.clock().toISOString(), handOver);
    planned = foldNew(events, actor, planned);
    // ...and its report is recorded while the next one is written (the job's stream takes them in order).
    const previous = recording;
    recording = previous.then(record(events, planned));
    if (!(await previous) || handOver) break;
  }
  await recording;
  return planned;
}

/** A wave's chunk reports, then the job's end or its hand-over when there is one. */
function waveEvents(job: ImportJob, reports: ChunkReport[], occurredAt: string, handOver: boolean): NewEvent[] {
  const events: NewEvent[] = reports.map((data) => ({
    type: ImportChunkProcessed.DETAIL_TYPE,
    version: ImportChunkProcessed.VERSION,
    data,
    occurredAt,
  }));
  const after = (reports.at(-1)?.chunk ?? job.nextChunk - 1) + 1;
  if (after >= job.chunks) {
    const totals = reports.reduce(
      (t, r) => ({
        accepted: t.accepted + r.accepted,
        duplicates: t.duplicates + r.duplicates.length,
        rejected: t.rejected + r.rejected.length,
      }),
      { accepted: job.accepted, duplicates: job.duplicates, rejected: job.rejected },
    );
    const data = { jobId: job.id, total: job.total, ...totals };
    events.push({ type: ImportCompleted.DETAIL_TYPE, version: ImportCompleted.VERSION, data, occurredAt });
  } else if (handOver) {
    const data = { jobId: job.id, nextChunk: after };
    events.push({ type: ImportHandedOver.DETAIL_TYPE, version: ImportHandedOver.VERSION, data, occurredAt });
  }
  return events;
}

async function loadWave(deps: ImportDeps, job: ImportJob, from: number): Promise<{ chunk: number; entries: ChunkEntry[] }[]> {
  const indexes = Array.from({ length: Math.max(0, Math.min(IMPORT_WAVE_CHUNKS, job.chunks - from)) }, (_, i) => from + i);
  return Promise.all(
    indexes.map(async (chunk) => {
      const data = await deps.chunks.get(chunkKey(job.agency, job.id, chunk));
      if (data === undefined) throw new Error(`import ${job.id}: chunk ${chunk} is missing`);
      return { chunk, entries: JSON.parse(data) as ChunkEntry[] };
    }),
  );
}

type ChunkReport = z.infer<typeof ImportChunkProcessed.data>;

/** Writes a wave's valid rows in as few transactions as the table allows, then accounts for every row per chunk. */
async function writeWave(
  deps: ImportDeps,
  ctx: CommandContext,
  job: ImportJob,
  wave: { chunk: number; entries: ChunkEntry[] }[],
): Promise<ChunkReport[]> {
  const toWrite = wave.flatMap(({ chunk, entries }) =>
    entries.flatMap((entry) => ('entity' in entry ? [{ chunk, line: entry.line, entity: entry.entity }] : [])),
  );
  const outcomes = await deps.store.createMany(
    toWrite.map(({ entity }) => ({
      stream: entityKind.stream(ctx.agency, entity.uscc),
      expectedVersion: 0,
      events: [{ type: entityKind.registered.DETAIL_TYPE, version: entityKind.registered.VERSION, data: entity }],
      actor: ctx.actor,
      agency: ctx.agency,
      correlationId: ctx.correlationId,
      // `origin` tells a row this job wrote before a crash (accepted) from one registered otherwise (a duplicate).
      head: { state: entity, index: { ...entityKind.index(ctx.agency, entity), origin: job.id } },
    })),
  );
  const reports = new Map<number, ChunkReport>(
    wave.map(({ chunk, entries }) => [chunk, { jobId: job.id, chunk, rows: entries.length, accepted: 0, duplicates: [], rejected: [] }]),
  );
  for (const { chunk, entries } of wave) {
    const report = reports.get(chunk) as ChunkReport;
    for (const entry of entries) {
      if ('entity' in entry) continue;
      const { outcome, ...row } = entry;
      (outcome === 'rejected' ? report.rejected : report.duplicates).push(row);
    }
  }
  toWrite.forEach((row, i) => {
    const report = reports.get(row.chunk) as ChunkReport;
    const outcome = outcomes[i];
    if (outcome?.status === 'created' || (outcome?.status === 'exists' && outcome.origin === job.id)) report.accepted += 1;
    else report.duplicates.push({ line: row.line, uscc: row.entity.uscc, reason: 'already registered' });
  });
  const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
  return [...reports.values()].map((r) => ({ ...r, duplicates: r.duplicates.sort(byLine), rejected: r.rejected.sort(byLine) }));
}

export interface ImportView extends Omit<ImportJob, 'agency' | 'nextChunk' | 'chunks' | 'requestedBy'> {
  requestedBy: string;
  /** The rows that were not registered, with their line and reason, in line order; page on with `cursor`. */
  rows: (ImportRowReport & { outcome: Outcome })[];
  cursor?: string;
}

/** The job as its owner's agency sees it: progress, totals, and a page of the rows that did not go in. */
export async function readImport(deps: ImportDeps, agency: string, jobId: string, cursor?: number): Promise<ImportView> {
  const stream = importStream(agency, jobId);
  const head = await deps.store.head(stream);
  if (head === undefined) throw new NotFoundError(`Import job ${jobId}`);
  const { agency: _agency, nextChunk: _next, chunks: _chunks, requestedBy, ...job } = head.state as ImportJob;
  const rows: ImportView['rows'] = [];
  let bytes = 0;
  let afterSeq = cursor ?? 0;
  while (bytes < REPORT_PAGE_BYTES && afterSeq < head.version) {
    const page = await deps.store.read(stream, { afterSeq, limit: 20 });
    if (page.events.length === 0) break;
    for (const event of page.events) {
      afterSeq = event.seq;
      if (event.type !== ImportChunkProcessed.DETAIL_TYPE) continue;
      const data = ImportChunkProcessed.data.parse(event.data);
      for (const row of data.duplicates) rows.push({ ...row, outcome: 'duplicate' });
      for (const row of data.rejected) rows.push({ ...row, outcome: 'rejected' });
      bytes += JSON.stringify(data.duplicates).length + JSON.stringify(data.rejected).length;
      if (bytes >= REPORT_PAGE_BYTES) break;
    }
  }
  rows.sort((a, b) => a.line - b.line);
  const nextCursor = bytes >= REPORT_PAGE_BYTES && afterSeq < head.version ? String(afterSeq) : undefined;
  return { ...job, requestedBy: requestedBy.id, rows, ...(nextCursor === undefined ? {} : { cursor: nextCursor }) };
}
