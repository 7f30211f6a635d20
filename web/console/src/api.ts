import { config, currentSession } from './session.ts';

/** A refusal of the API (RFC 9457 problem details), or the network failing (status 0). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The problem's stable slug: `conflict`, `validation-error`, …; `network` when nothing came back. */
    readonly kind: string,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.detail ?? kind));
  }
}

/**
 * Asked for when a call answers 401 (the session expired): the app shows the sign-in over the page, so nothing typed
 * is lost, and the call is made again once signed in.
 */
let reauthenticate: () => Promise<void> = () => Promise.reject(new ApiProblem(401, 'unauthorized', {}));
export function onSessionExpired(handler: () => Promise<void>): void {
  reauthenticate = handler;
}

const base = () => config.apiUrl?.replace(/\/$/, '') ?? '';

async function send(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${currentSession()?.token ?? ''}` };
  // A file (a Blob) goes as it is, with its own type; anything else as JSON.
  const raw = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = raw ? body.type : 'application/json';
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  try {
    const payload = body === undefined ? {} : { body: raw ? body : JSON.stringify(body) };
    return await fetch(`${base()}${path}`, { method, headers, ...payload });
  } catch {
    throw new ApiProblem(0, 'network', {});
  }
}

/**
 * An answer the page's shell started before the app loaded (index.html's inline script), taken once: the first read of
 * that path uses it, any later one asks again.
 */
export function early(path: string): Promise<Response> | undefined {
  const started = (globalThis as { __early?: Record<string, Promise<Response>> }).__early;
  const response = started?.[path];
  if (started !== undefined) delete started[path];
  return response?.catch(() => {
    throw new ApiProblem(0, 'network', {});
  });
}

/** A call to the public API with the session's token; a 401 asks for sign-in and tries once more. */
/**
 * How far the server's clock is from this browser's, from the `Date` of its answers: deadlines are counted on the
 * platform's day (a trial's local runtime may have moved its clock forward), not on the browser's. Seconds of skew
 * are ignored.
 */
let serverOffsetMs = 0;
function followServerClock(response: Response): void {
  const date = Date.parse(response.headers.get('date') ?? '');
  if (Number.isNaN(date)) return;
  const offset = date - Date.now();
  serverOffsetMs = Math.abs(offset) < 60_000 ? 0 : offset;
}
/** Now on the platform's clock. */
export const serverNow = () => Date.now() + serverOffsetMs;

export async function call(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<Response> {
  const started = method === 'GET' ? early(path) : undefined;
  let response = await (started ?? send(method, path, body, idempotencyKey));
  if (response.status === 401) {
    await reauthenticate();
    response = await send(method, path, body, idempotencyKey);
  }
  followServerClock(response);
  if (response.ok) return response;
  const problem = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  const kind = typeof problem.type === 'string' ? problem.type.replace(/^.*\/problems\//, '') : 'unknown';
  throw new ApiProblem(response.status, kind, problem);
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await call('GET', path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown, idempotencyKey = crypto.randomUUID()): Promise<T> {
  return (await (await call('POST', path, body, idempotencyKey)).json()) as T;
}

/** Every page of a list (its `items`, or a timeline's `events`, and `cursor`), up to `max` of them. */
export async function getAll<T>(path: string, max = 1000, key: 'items' | 'events' = 'items'): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await getJson<Record<typeof key, T[]> & { cursor?: string }>(
      `${path}${sep}limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
    );
    items.push(...page[key]);
    cursor = page.cursor;
  } while (cursor !== undefined && items.length < max);
  return items;
}

/**
 * A photo uploaded to a case (a coercive measure's list of things): an upload ticket from the API, then the file PUT to
 * where the ticket says; answers the evidence id the measure's items name.
 */
export async function uploadCasePhoto(caseId: string, file: File): Promise<string> {
  const ticket = await postJson<{ evidenceId: string; url: string; headers: Record<string, string> }>(
    `/cases/${encodeURIComponent(caseId)}/uploads`,
    { contentType: file.type || 'application/octet-stream', size: file.size },
  );
  let response: Response;
  try {
    response = await fetch(ticket.url, { method: 'PUT', headers: ticket.headers, body: file });
  } catch {
    throw new ApiProblem(0, 'network', {});
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    throw new ApiProblem(response.status, response.status === 413 ? 'too-large' : 'upload-refused', body);
  }
  return ticket.evidenceId;
}
