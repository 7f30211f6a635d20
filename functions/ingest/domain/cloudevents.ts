import * as z from 'zod';
import { dataschemaOf, type ExternalEventDefinition, externalEvents } from '#events/external/external-events.v1';
import { Problem, problems } from '#shared/problem';
import { illFormedField } from '#shared/well-formed';

/**
 * CloudEvents 1.0 as enforcement systems post them (DESIGN §6 "Enforcement systems"): the JSON batch format
 * (`application/cloudevents-batch+json`, up to 100) or one event in structured mode (`application/cloudevents+json`).
 * Every entry is checked on its own; a bad entry is rejected with a stable reason, never the whole batch.
 */
export const MAX_BATCH = 100;
export const BATCH_TYPE = 'application/cloudevents-batch+json';
export const SINGLE_TYPE = 'application/cloudevents+json';
/** One entry as sent, in bytes of JSON: with the stored event around it, it stays within EventBridge's 256 KB entry. */
export const MAX_ENTRY_BYTES = 200 * 1024;
/** A clock a few minutes fast is tolerated; an event further in the future is refused. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const REJECT_REASONS = [
  'invalid-envelope',
  'source-not-registered',
  'unknown-type',
  'type-not-registered',
  'unknown-dataschema',
  'invalid-subject',
  'time-in-future',
  'invalid-data',
  'subject-not-in-agency',
  'entry-too-large',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export interface Rejection {
  reason: RejectReason;
  message: string;
  /** Each field at fault, as every other 400 names them (invalid-envelope, invalid-data). */
  errors?: { field: string; message: string }[];
}

export interface PostingSystem {
  id: string;
  clientId: string;
  name: string;
  agency: string;
  source: string;
  eventTypes: string[];
  /** Requests per second this client may make (its own limit, beside the route's). */
  ratePerSecond: number;
}

/** An entry that passed every check that needs no table: what is stored, bar the subject's existence. */
export interface CheckedEvent {
  def: ExternalEventDefinition;
  source: string;
  id: string;
  /** Normalized to UTC with milliseconds, so that times compare as strings. */
  time: string;
  subject: string;
  subjectKind: 'entity' | 'case';
  dataschema?: string;
  extensions?: Record<string, string | number | boolean>;
  data: unknown;
}

const ENVELOPE = z.looseObject({
  specversion: z.literal('1.0', { error: 'specversion must be "1.0"' }),
  id: z.string().min(1).max(256),
  source: z.string().min(1).max(512),
  type: z.string().min(1).max(256),
  time: z.iso.datetime({ offset: true, error: 'time is required, as an RFC 3339 timestamp' }),
  subject: z.string().min(1).max(100),
  datacontenttype: z
    .string()
    .regex(/^application\/json\b/, 'datacontenttype must be application/json')
    .optional(),
  dataschema: z.string().max(512).optional(),
  data: z.unknown(),
});
const KNOWN = new Set(Object.keys(ENVELOPE.shape));
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const CASE_ID = /^case-[A-Za-z0-9~_.:-]{1,120}$/;

const reject = (reason: RejectReason, message: string, errors?: Rejection['errors']) => ({
  ok: false as const,
  rejection: { reason, message, ...(errors === undefined ? {} : { errors }) },
});
const fieldsOf = (error: z.ZodError, root: string) =>
  error.issues.map((i) => ({ field: [root, ...i.path.map(String)].filter((p) => p !== '').join('.') || '(event)', message: i.message }));
const issuesOf = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`).join('; ');

/** CloudEvents HTTP binding: header values are percent-encoded; a bad escape is taken as written. */
function percentDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * One event in binary mode, as the CloudEvents SDKs' HTTP emitters send it by default: the attributes in `ce-*`
 * headers, the data as a JSON body.
 */
function binaryEvent(headers: Readonly<Record<string, string | undefined>>, raw: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = raw.trim() === '' ? undefined : JSON.parse(raw);
  } catch (error) {
    throw problems.malformedJson((error as Error).message);
  }
  const event: Record<string, unknown> = { datacontenttype: 'application/json', data };
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('ce-') && value !== undefined) event[name.slice(3)] = percentDecoded(value);
  }
  return event;
}

/** The entries of a request, or the problem with the request as a whole (400, 415). */
export function entriesOf(contentType: string, raw: string, headers: Readonly<Record<string, string | undefined>> = {}): unknown[] {
  if (contentType === 'application/json' && headers['ce-specversion'] !== undefined) return [binaryEvent(headers, raw)];
  if (contentType !== BATCH_TYPE && contentType !== SINGLE_TYPE) {
    throw problems.unsupportedMediaType([BATCH_TYPE, SINGLE_TYPE, 'application/json with ce-* headers (binary mode)']);
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    throw problems.malformedJson((error as Error).message);
  }
  if (contentType === SINGLE_TYPE) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw problems.validation('A structured-mode CloudEvent is one JSON object.', [{ field: '', message: 'expected an object' }]);
    }
    return [body];
  }
  if (!Array.isArray(body)) {
    throw problems.validation('A CloudEvents batch is a JSON array of events.', [{ field: '', message: 'expected an array' }]);
  }
  if (body.length === 0 || body.length > MAX_BATCH) {
    throw new Problem(400, 'batch-size', 'The batch size is out of range', `A batch holds 1 to ${MAX_BATCH} events, not ${body.length}.`, {
      errors: [{ field: '', message: `1 to ${MAX_BATCH} events` }],
      limit: MAX_BATCH,
    });
  }
  return body;
}

/** The id an entry gives, if it gives one (for the answer of a rejected entry). */
export function idOf(entry: unknown): string | undefined {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The entry's extension attributes, or what is wrong with one. */
function extensionsOf(e: Record<string, unknown>): Record<string, string | number | boolean> | string {
  const extensions: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(e)) {
    if (KNOWN.has(name)) continue;
    if (name === 'data_base64') return 'data must be JSON; data_base64 is not accepted';
    if (!EXTENSION_NAME.test(name) || !['string', 'number', 'boolean'].includes(typeof value)) {
      return `'${name}' is not a CloudEvents extension attribute (lower-case letters and digits, a scalar value)`;
    }
    extensions[name] = value as string | number | boolean;
  }
  return extensions;
}

/** Checks one entry against the envelope, the caller's registration and the catalog. */
export function checkEntry(
  entry: unknown,
  system: PostingSystem,
  now: Date,
): { ok: true; event: CheckedEvent } | { ok: false; rejection: Rejection } {
  // Checked whole before anything else, so that no entry can fail the batch once another has been written.
  const illFormed = illFormedField(entry);
  if (illFormed !== undefined) return reject('invalid-envelope', `${illFormed}: text that is not well-formed Unicode (a lone surrogate)`);
  const bytes = Buffer.byteLength(JSON.stringify(entry));
  if (bytes > MAX_ENTRY_BYTES) {
    return reject(
      'entry-too-large',
      `the entry takes ${bytes} bytes; one event may take at most ${MAX_ENTRY_BYTES} (it travels the bus as one 256 KB entry)`,
    );
  }
  const envelope = ENVELOPE.safeParse(entry);
  if (!envelope.success) return reject('invalid-envelope', issuesOf(envelope.error), fieldsOf(envelope.error, ''));
  const e = envelope.data;
  const extensions = extensionsOf(e);
  if (typeof extensions === 'string') return reject('invalid-envelope', extensions);
  if (e.source !== system.source) {
    return reject('source-not-registered', `source '${e.source}' is not this client's registered source '${system.source}'`);
  }
  const versions = externalEvents.filter((d) => d.DETAIL_TYPE === e.type);
  if (versions.length === 0) return reject('unknown-type', `type '${e.type}' is not in the catalog (GET /events/catalog)`);
  if (!system.eventTypes.includes(e.type)) {
    return reject('type-not-registered', `system '${system.id}' is not registered to post '${e.type}'`);
  }
  const def =
    e.dataschema === undefined
      ? versions.reduce((a, b) => (b.VERSION > a.VERSION ? b : a))
      : versions.find((d) => dataschemaOf(d) === e.dataschema);
  if (def === undefined) {
    return reject('unknown-dataschema', `dataschema '${e.dataschema}' is none of ${versions.map(dataschemaOf).join(', ')}`);
  }
  const subjectKind = USCC.test(e.subject) ? 'entity' : CASE_ID.test(e.subject) ? 'case' : undefined;
  if (subjectKind === undefined || !def.subjects.includes(subjectKind)) {
    return reject(
      'invalid-subject',
      `subject of '${e.type}' is ${def.subjects.map((k) => (k === 'case' ? 'a case id' : 'a unified social credit code')).join(' or ')}`,
    );
  }
  const time = new Date(e.time);
  if (time.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return reject('time-in-future', `time ${e.time} is in the future (this server's clock reads ${now.toISOString()})`);
  }
  const data = def.payload.safeParse(e.data);
  if (!data.success) return reject('invalid-data', issuesOf(data.error), fieldsOf(data.error, 'data'));
  return {
    ok: true,
    event: {
      def,
      source: e.source,
      id: e.id,
      time: time.toISOString(),
      subject: e.subject,
      subjectKind,
      ...(e.dataschema === undefined ? {} : { dataschema: e.dataschema }),
      ...(Object.keys(extensions).length === 0 ? {} : { extensions }),
      data: data.data,
    },
  };
}
