import { beginSignIn, finishSignIn } from '../../shared/cognito.ts';
import { h } from './dom.ts';
import { hasKey, language, setLanguage, t } from './i18n.ts';
import { cacheGet, cachePut, done, enqueue, markFailed, pending, type QueuedOp, retry as retryOp } from './queue.ts';
import { signaturePad } from './signature-pad.ts';

interface Question {
  id: string;
  question: string;
  mandatory: boolean;
}
interface Position {
  lat: number;
  lng: number;
  accuracyM: number;
  poorFix?: boolean;
}
interface Evidence {
  evidenceId: string;
  kind: string;
  capturedAt: string;
  size: number;
}
interface Inspection {
  inspectionId: string;
  entity: { uscc: string; name: string; address: string };
  checklists: { item: string; name: string; legalBasis: string; questions: Question[] }[];
  team: { id: string; agency: string }[];
  plannedStart: string;
  plannedEnd: string;
  status: string;
  answers?: Record<string, { answer: string }>;
  findings?: { findingId: string; text: string; at?: string; by?: string }[] | number;
  evidence?: Evidence[] | number;
  result?: { result: string; summary?: string; at?: string } | string;
  start?: { at: string; position?: Position; inspectors?: string[] };
}
interface LocalFile {
  key: string;
  capturedAt: string;
  blob: Blob;
}
/**
 * What this device has done to an inspection, shown at once, before (or without) the server's answer. Typed text
 * (the finding being written, the result's explanation) is kept here on every keystroke, so no redraw loses it.
 */
interface Draft {
  start?: { at: string; position?: Position; acknowledged?: boolean };
  answers: Record<string, string>;
  findings: { findingId: string; text: string }[];
  findingText?: string;
  photos: LocalFile[];
  signature?: LocalFile;
  result?: string;
  summary?: string;
  completed?: boolean;
}
/** A poor GPS fix (DESIGN: position with its accuracy): said on screen and recorded with the start. */
const POOR_FIX_M = 50;

const app = document.getElementById('app') as HTMLElement;
const sync = document.getElementById('sync') as HTMLElement;
const session = () => JSON.parse(localStorage.getItem('session') ?? 'null') as { token: string; sub: string } | null;
const uuid = () => crypto.randomUUID();
const now = () => new Date().toISOString();
const progress = new Map<string, number>();
const render = (...children: (Node | null | false)[]) =>
  app.replaceChildren(...children.filter((c): c is Node => c !== null && c !== false));
/**
 * Each page drawing takes a number; one whose data arrive after a later drawing began draws nothing. Without it a
 * slow worklist answer (a busy phone or network) could be drawn over the inspection the inspector opened meanwhile.
 */
let drawing = 0;
const latest = () => ++drawing;
const superseded = (mine: number) => mine !== drawing;

/** Deployed behind CloudFront, index.html carries the API's address and the sign-in; locally, this origin and dev tokens. */
const config = JSON.parse(document.getElementById('config')?.textContent || '{}') as {
  apiUrl?: string;
  authDomain?: string;
  clientId?: string;
};
const apiBase = config.apiUrl ?? '';
const cognito = config.authDomain && config.clientId ? { authDomain: config.authDomain, clientId: config.clientId } : undefined;

async function call(method: string, path: string, body?: unknown, key?: string): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${session()?.token ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (key !== undefined) headers['idempotency-key'] = key;
  return fetch(`${apiBase}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
}

/** PUT with upload progress (fetch has none), as the presigned URL or local ticket expects. */
function put(url: string, headers: Record<string, string>, file: Blob, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.set(key, e.loaded / e.total);
      void showSync();
    };
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(file);
  });
}

class Retry extends Error {}
/** The session expired (401): the queue waits, untouched, until the inspector signs in again. */
class SignInNeeded extends Error {}
/** Refused for good: the problem's type and status, said in the user's language when shown. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly problemType: string,
    detail: string,
  ) {
    super(detail);
  }
}

async function check(response: Response): Promise<Response> {
  if (response.ok) return response;
  if (response.status === 401) throw new SignInNeeded();
  if (response.status >= 500 || response.status === 429 || response.status === 408) throw new Retry(String(response.status));
  const problem = (await response.json().catch(() => ({}))) as { type?: string; detail?: string; title?: string };
  // The same Idempotency-Key is still being processed (a retry raced the first try): ask again later.
  if (problem.type === '/problems/request-in-progress') throw new Retry('in progress');
  throw new Refused(response.status, (problem.type ?? '').replace('/problems/', ''), problem.detail ?? problem.title ?? '');
}

async function send(op: QueuedOp): Promise<void> {
  if (op.kind === 'command') {
    await check(await call('POST', op.path, op.body, op.key));
    return;
  }
  const file = op.file as Blob;
  // An upload URL lasts minutes; after a long time offline the replayed one has expired, so a fresh one is asked for.
  type Ticket = { evidenceId: string; url: string; headers: Record<string, string> };
  let ticket: Ticket | undefined;
  for (const key of [`${op.key}:upload`, `${op.key}:upload:${Date.now()}`]) {
    const body = { kind: op.evidenceKind, contentType: file.type, size: file.size };
    const issued = (await (await check(await call('POST', `/inspections/${op.inspectionId}/uploads`, body, key))).json()) as Ticket;
    const status = await put(issued.url, issued.headers, file, op.key);
    if (status >= 500) throw new Retry(String(status));
    if (status === 403) continue;
    if (status >= 400) throw new Refused(status, 'upload', `upload refused (${status})`);
    ticket = issued;
    break;
  }
  if (ticket === undefined) throw new Retry('the upload URL expired twice');
  await check(
    await call(
      'POST',
      `/inspections/${op.inspectionId}/evidence`,
      { evidenceId: ticket.evidenceId, kind: op.evidenceKind, capturedAt: op.body.capturedAt },
      `${op.key}:record`,
    ),
  );
}

let flushing = false;
let sessionExpired = false;
/**
 * Sends the queue in order; stops at the first network failure (tries again when the network is back) and at a
 * 401 (waits for sign-in). A step refused for good stays queued with its reason until the inspector retries or,
 * after confirming, discards it: nothing queued is ever deleted otherwise.
 */
async function flush(): Promise<void> {
  if (flushing || !navigator.onLine || sessionExpired || session() === null) return void showSync();
  flushing = true;
  try {
    for (const op of (await pending()).filter((o) => o.error === undefined)) {
      await showSync(true);
      try {
        await send(op);
        await done(op.seq as number);
        progress.delete(op.key);
      } catch (error) {
        if (error instanceof Retry || error instanceof TypeError) break;
        if (error instanceof SignInNeeded) {
          sessionExpired = true;
          break;
        }
        const refused = error instanceof Refused ? error : new Refused(0, 'unknown', (error as Error).message);
        await markFailed(op, JSON.stringify({ status: refused.status, type: refused.problemType, detail: refused.message }));
      }
    }
  } finally {
    flushing = false;
    await showSync();
  }
}

/** Why a step was refused, in the user's language (the server's own words only in English). */
function reasonOf(op: QueuedOp): string {
  let stored: { status?: number; type?: string; detail?: string } = {};
  try {
    stored = JSON.parse(op.error ?? '{}');
  } catch {
    stored = { detail: op.error };
  }
  const key = `p_${stored.type ?? 'unknown'}`;
  const words = hasKey(key) ? t(key, { status: stored.status ?? '' }) : t('p_unknown', { status: stored.status ?? '' });
  return language() === 'en' && stored.detail ? `${words}: ${stored.detail}` : words;
}

/** What a queued step is, in words. */
function describe(op: QueuedOp): string {
  const verb = op.kind === 'evidence' ? `opVerb_${op.evidenceKind}` : `opVerb_${op.path.split('/').at(-1)}`;
  return hasKey(verb) ? t(verb) : t('opVerb_other');
}

let discarding: number | undefined;
async function showSync(sending = false): Promise<void> {
  const ops = await pending();
  const failed = ops.find((o) => o.error !== undefined);
  const uploading = [...progress.values()];
  sync.className = `sync${failed || sessionExpired ? ' failed' : ops.length > 0 ? ' pending' : ''}`;
  sync.dataset.pending = String(ops.length);
  sync.dataset.state = sessionExpired ? 'signed-out' : failed ? 'refused' : ops.length === 0 ? 'synced' : 'pending';
  if (sessionExpired) {
    sync.replaceChildren(
      t('sessionExpired', { n: ops.length }),
      ' ',
      h('button', { className: 'link', type: 'button', id: 'sign-in-again', onclick: () => signInAgain() }, t('signInAgain')),
    );
    return;
  }
  if (failed) {
    const seq = failed.seq as number;
    const actions =
      discarding === seq
        ? [
            h('p', { id: 'confirm-discard' }, t('confirmDiscard', { what: describe(failed) })),
            h(
              'button',
              {
                className: 'link',
                type: 'button',
                id: 'discard',
                onclick: async () => {
                  discarding = undefined;
                  await done(seq);
                  await forget(failed);
                  await showSync();
                  route();
                },
              },
              t('discard'),
            ),
            h(
              'button',
              {
                className: 'link',
                type: 'button',
                id: 'keep',
                onclick: () => {
                  discarding = undefined;
                  void showSync();
                },
              },
              t('keep'),
            ),
          ]
        : [
            h(
              'button',
              {
                className: 'link',
                type: 'button',
                id: 'retry',
                onclick: async () => {
                  const { error: _e, ...again } = failed;
                  await retryOp(again);
                  void flush();
                },
              },
              t('retry'),
            ),
            h(
              'button',
              {
                className: 'link',
                type: 'button',
                id: 'dismiss',
                onclick: () => {
                  discarding = seq;
                  void showSync();
                },
              },
              t('dismiss'),
            ),
          ];
    sync.replaceChildren(h('span', { id: 'refusal' }, `${describe(failed)} · ${t('failed', { why: reasonOf(failed) })}`), ' ', ...actions);
    return;
  }
  const percent = uploading.length > 0 ? ` · ${Math.round((uploading[0] ?? 0) * 100)}%` : '';
  sync.textContent =
    ops.length === 0
      ? t('synced')
      : !navigator.onLine
        ? t('offline', { n: ops.length })
        : sending
          ? `${t('sending')} ${t('pending', { n: ops.length })}${percent}`
          : t('pending', { n: ops.length });
}

/** A discarded step leaves the phone's draft too, so the screen shows only what is recorded or still queued. */
async function forget(op: QueuedOp): Promise<void> {
  const draft = await draftOf(op.inspectionId);
  draft.findings = draft.findings.filter((f) => f.findingId !== op.body.findingId);
  draft.photos = draft.photos.filter((p) => p.key !== op.key);
  if (draft.signature?.key === op.key) delete draft.signature;
  if (op.path.endsWith('/complete')) delete draft.completed;
  if (op.path.endsWith('/start')) delete draft.start;
  await saveDraft(op.inspectionId, draft);
}

/** After a 401: sign in again (the queue stays on the phone), then it is sent. */
function signInAgain(): void {
  localStorage.removeItem('session');
  route();
}

function signedIn(value: { token: string; sub: string }): void {
  localStorage.setItem('session', JSON.stringify(value));
  sessionExpired = false;
  route();
  void flush();
}

/** Queues a step of an inspection (`/inspections/{id}/{step}`) with its own Idempotency-Key; flush sends it. */
const queueCommand = (inspectionId: string, step: string, body: Record<string, unknown>) =>
  enqueue({ inspectionId, kind: 'command', path: `/inspections/${inspectionId}/${step}`, body, key: uuid() });

/** Queues a photo or the party's signature; answers the draft's copy of it (its thumbnail on this phone). */
async function queueEvidence(inspectionId: string, evidenceKind: 'photo' | 'signature', blob: Blob): Promise<LocalFile> {
  const local = { key: uuid(), capturedAt: now(), blob };
  await enqueue({
    inspectionId,
    kind: 'evidence',
    evidenceKind,
    path: '',
    body: { capturedAt: local.capturedAt },
    key: local.key,
    file: blob,
  });
  return local;
}

const draftKey = (id: string) => `draft:${id}`;
/** The draft of an inspection; drafts saved by an earlier version of the app (counts, plain texts) read as empty lists. */
async function draftOf(id: string): Promise<Draft> {
  const stored = (await cacheGet<Partial<Draft> & { started?: boolean }>(draftKey(id))) ?? {};
  return {
    ...stored,
    answers: stored.answers ?? {},
    findings: Array.isArray(stored.findings)
      ? stored.findings.map((f, i) => (typeof f === 'string' ? { findingId: `local-${i}`, text: f } : f))
      : [],
    photos: Array.isArray(stored.photos) ? stored.photos : [],
    ...(stored.start === undefined && stored.started === true ? { start: { at: '' } } : {}),
  };
}
async function saveDraft(id: string, draft: Draft): Promise<void> {
  await cachePut(draftKey(id), draft);
}

/** Online: the server's answer, cached; offline: the cached copy. */
const WORKLIST = '/worklist?limit=100';
/** The worklist request index.html started before the app loaded, used once. */
function earlyWorklist(path: string): Promise<Response> | undefined {
  const holder = window as unknown as { __worklist?: Promise<Response> };
  const early = path === WORKLIST ? holder.__worklist : undefined;
  holder.__worklist = undefined;
  return early;
}

/** The server's answer (cached for offline use), else the cached copy; `from` says which, or that neither exists. */
async function load<T>(path: string): Promise<{ body?: T; from: 'server' | 'cache' | 'none'; status?: number }> {
  let status: number | undefined;
  try {
    const response = await (earlyWorklist(path) ?? call('GET', path));
    status = response.status;
    if (response.status === 401) {
      // The session expired: sign in again; whatever is queued stays on the phone and is sent afterwards.
      sessionExpired = true;
      localStorage.removeItem('session');
      return { from: 'none', status };
    }
    if (response.ok) {
      const body = (await response.json()) as T;
      await cachePut(path, body);
      return { body, from: 'server', status };
    }
  } catch {
    // offline: fall back to the cache
  }
  const cached = await cacheGet<T>(path);
  return cached === undefined ? { from: 'none', ...(status === undefined ? {} : { status }) } : { body: cached, from: 'cache' };
}

async function signIn(): Promise<void> {
  const waiting = (await pending()).length;
  const note = waiting > 0 ? h('p', { className: 'warn', id: 'queued-note' }, t('queuedWaiting', { n: waiting })) : null;
  if (cognito !== undefined) {
    render(
      h(
        'div',
        { className: 'card' },
        note,
        h('button', { className: 'primary', type: 'button', id: 'sign-in', onclick: () => void beginSignIn(cognito) }, t('signIn')),
      ),
    );
    return;
  }
  const previous = JSON.parse(localStorage.getItem('lastSignIn') ?? '{}') as { sub?: string; agency?: string; jurisdiction?: string };
  const id = h('input', { id: 'sub', name: 'sub', autocomplete: 'username', required: true, value: previous.sub }) as HTMLInputElement;
  const agency = h('input', { id: 'agency', name: 'agency', value: previous.agency ?? 'SAMR-110105', required: true }) as HTMLInputElement;
  const jurisdiction = h('input', {
    id: 'jurisdiction',
    name: 'jurisdiction',
    value: previous.jurisdiction ?? '110105',
    inputmode: 'numeric',
  }) as HTMLInputElement;
  const error = h('p', { className: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      className: 'card',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const claims = { sub: id.value.trim(), agency: agency.value.trim(), jurisdiction: jurisdiction.value.trim() };
        const response = await fetch('/_local/token', { method: 'POST', body: JSON.stringify({ ...claims, roles: ['inspector'] }) }).catch(
          () => undefined,
        );
        if (response?.ok !== true) {
          error.textContent = response ? ((await response.json()) as { detail: string }).detail : t('offline', { n: waiting });
          return;
        }
        const { access_token } = (await response.json()) as { access_token: string };
        localStorage.setItem('lastSignIn', JSON.stringify(claims));
        signedIn({ token: access_token, sub: claims.sub });
      },
    },
    h('h2', {}, t('devSignIn')),
    note,
    h('label', { for: 'sub' }, t('inspectorId')),
    id,
    h('label', { for: 'agency' }, t('agency')),
    agency,
    h('label', { for: 'jurisdiction' }, t('jurisdiction')),
    jurisdiction,
    error,
    h('button', { className: 'primary', type: 'submit' }, t('signIn')),
  );
  app.replaceChildren(form);
}

/** Beijing time, as inspectors read it (the server keeps UTC). */
const clock = (iso: string | undefined) =>
  iso === undefined || iso === ''
    ? ''
    : new Date(iso).toLocaleString(language() === 'zh' ? 'zh-CN' : 'en-GB', {
        timeZone: 'Asia/Shanghai',
        dateStyle: 'short',
        timeStyle: 'short',
      });
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const inspectorPath = (id: string) => `/inspectors/${encodeURIComponent(id)}`;
/**
 * Every inspection of the worklist is fetched once online, so that any of them opens offline later, and so is each
 * team member's directory record, for their names (a member of a partner agency is not in this agency's directory:
 * shown by id).
 */
async function prefetch(items: Inspection[]): Promise<void> {
  for (const i of items) await load<Inspection>(`/inspections/${encodeURIComponent(i.inspectionId)}`);
  const members = new Set(items.flatMap((i) => i.team.map((m) => m.id)));
  for (const id of members) if ((await cacheGet(inspectorPath(id))) === undefined) await load(inspectorPath(id));
}
/** A team member's name from the cached directory record, else the id. */
async function names(team: Inspection['team']): Promise<Map<string, string>> {
  const pairs = await Promise.all(
    team.map(async (m) => [m.id, (await cacheGet<{ name?: string }>(inspectorPath(m.id)))?.name ?? m.id] as const),
  );
  return new Map(pairs);
}

async function worklist(): Promise<void> {
  const mine = latest();
  const page = await load<{ items: Inspection[] }>(WORKLIST);
  if (session() === null) return void signIn();
  const items = page.body?.items ?? [];
  const queued = await pending();
  const rows = await Promise.all(
    items.map(async (i) => {
      const draft = await draftOf(i.inspectionId);
      const waiting = queued.filter((o) => o.inspectionId === i.inspectionId).length;
      const status =
        i.status === 'completed'
          ? 'completed'
          : draft.completed
            ? 'local-done'
            : draft.start || i.status === 'in-progress'
              ? 'in-progress'
              : 'assigned';
      const label = { completed: t('completed'), 'local-done': t('localDone'), 'in-progress': t('inProgress'), assigned: t('assigned') }[
        status
      ];
      return h(
        'a',
        { className: 'item', href: `#/inspections/${encodeURIComponent(i.inspectionId)}`, 'data-inspection': i.inspectionId },
        h('strong', {}, i.entity.name || i.entity.uscc),
        h('div', { className: 'muted' }, i.entity.address),
        h(
          'div',
          { className: 'muted' },
          `${t('planned')} ${i.plannedStart} – ${i.plannedEnd} `,
          h('span', { className: `badge ${status}` }, label),
          i.status !== 'completed' && i.plannedEnd < today() ? h('span', { className: 'badge overdue' }, t('periodEnded')) : null,
          waiting > 0 ? h('span', { className: 'badge pending', 'data-waiting': String(waiting) }, t('localQueued', { n: waiting })) : null,
        ),
      );
    }),
  );
  if (superseded(mine)) return;
  render(
    h('h2', {}, t('worklist')),
    items.length === 0 ? h('p', { className: 'muted' }, t('empty')) : null,
    ...rows,
    h(
      'button',
      {
        className: 'link',
        type: 'button',
        onclick: () => {
          localStorage.removeItem('session');
          route();
        },
      },
      t('signOut'),
    ),
  );
  performance.mark('worklist-usable');
  if (page.from === 'server') void prefetch(items);
}

function choice(label: string, pressed: boolean, onclick: () => void, name: string, disabled = false): HTMLElement {
  return h(
    'button',
    { className: 'choice', type: 'button', 'aria-pressed': String(pressed), 'data-choice': name, onclick, disabled },
    label,
  );
}

function picture(blob: Blob, caption: string): HTMLElement {
  const url = URL.createObjectURL(blob);
  return h('img', { src: url, alt: caption, onload: () => URL.revokeObjectURL(url) });
}

function thumbnail(file: LocalFile | undefined, caption: string): HTMLElement {
  return h(
    'figure',
    { className: 'tile' },
    file === undefined ? h('div', { className: 'placeholder' }, '✓') : picture(file.blob, caption),
    h('figcaption', {}, caption),
  );
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A photo or signature the server holds but this phone did not take (a teammate's, or this inspector's on another
 * device): fetched once through its short-lived link, checked against the SHA-256 recorded at upload, and kept on
 * the phone so it shows offline afterwards. Answers undefined offline before the first fetch; 'mismatch' when the
 * file is not the one recorded.
 */
async function serverFile(inspectionId: string, evidenceId: string): Promise<Blob | 'mismatch' | undefined> {
  const key = `evidence/${inspectionId}/${evidenceId}`;
  const kept = await cacheGet<Blob>(key);
  if (kept !== undefined) return kept;
  try {
    const link = await call('GET', `/inspections/${encodeURIComponent(inspectionId)}/evidence/${encodeURIComponent(evidenceId)}`);
    if (!link.ok) return undefined;
    const { url, sha256 } = (await link.json()) as { url: string; sha256: string };
    const file = await fetch(url);
    if (!file.ok) return undefined;
    const blob = await file.blob();
    if (hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())) !== sha256) return 'mismatch';
    await cachePut(key, blob);
    return blob;
  } catch {
    return undefined; // offline: the tile says it is on the server
  }
}

/** A tile for a file on the server: its picture as soon as it arrives (this phone's copy from then on). */
function serverThumbnail(inspectionId: string, e: Evidence, caption: string): HTMLElement {
  const tile = h('figure', { className: 'tile', 'data-evidence': e.evidenceId }, h('div', { className: 'placeholder' }, '…'));
  tile.append(h('figcaption', {}, caption));
  void serverFile(inspectionId, e.evidenceId).then((blob) => {
    const shown =
      blob === undefined
        ? h('div', { className: 'placeholder', title: t('onServer') }, '✓')
        : blob === 'mismatch'
          ? h('div', { className: 'placeholder warn', role: 'alert' }, t('hashMismatch'))
          : picture(blob, caption);
    tile.firstElementChild?.replaceWith(shown);
  });
  return tile;
}

async function inspection(id: string): Promise<void> {
  const mine = latest();
  const loaded = await load<Inspection>(`/inspections/${encodeURIComponent(id)}`);
  if (session() === null) return void signIn();
  const server = loaded.body;
  if (superseded(mine)) return;
  if (server === undefined) {
    const why = loaded.status === 404 || loaded.status === 403 ? t('notFoundHere') : t('notDownloaded');
    return void render(h('a', { href: '#/', className: 'muted' }, `← ${t('back')}`), h('p', { className: 'warn', id: 'unavailable' }, why));
  }
  const draft = await draftOf(id);
  const queued = (await pending()).filter((o) => o.inspectionId === id);
  const teamNames = await names(server.team);
  const who = (member: string) => (teamNames.get(member) === member ? member : `${teamNames.get(member)}（${member}）`);
  const save = () => saveDraft(id, draft);
  const redraw = async (change: (d: Draft) => void) => {
    change(draft);
    await save();
    await inspection(id);
  };
  const serverResult = typeof server.result === 'object' ? server.result : undefined;
  const completed = server.status === 'completed' || draft.completed === true;
  const start = draft.start ?? server.start;
  const started = start !== undefined;
  const answerOf = (item: string, q: string) => draft.answers[`${item}/${q}`] ?? server.answers?.[`${item}/${q}`]?.answer;
  const result = draft.result ?? serverResult?.result ?? (typeof server.result === 'string' ? server.result : undefined);
  const missing = server.checklists.flatMap((c) =>
    c.questions.filter((q) => q.mandatory && answerOf(c.item, q.id) === undefined).map((q) => q.question),
  );
  const onSite = result === 'compliant' || result === 'non-compliant';
  // What the server holds, with this phone's steps on top (a teammate's phone shows everything recorded).
  const serverFindings = Array.isArray(server.findings) ? server.findings : [];
  const findings = [...serverFindings, ...draft.findings.filter((f) => !serverFindings.some((s) => s.findingId === f.findingId))];
  const serverEvidence = Array.isArray(server.evidence) ? server.evidence : [];
  const serverPhotos = serverEvidence.filter((e) => e.kind === 'photo');
  const serverSignature = serverEvidence.find((e) => e.kind === 'signature');
  const waitingKeys = new Set(queued.map((o) => o.key));
  const localWaiting = draft.photos.filter((p) => waitingKeys.has(p.key));
  const localSent = draft.photos.filter((p) => !waitingKeys.has(p.key));
  const photoTotal = serverPhotos.length + localWaiting.length;
  const signature = draft.signature;
  const signedAt = draft.signature?.capturedAt ?? serverSignature?.capturedAt;

  const gpsNote = h('p', { className: 'muted', id: 'gps' });
  const summary = h('textarea', { id: 'summary', name: 'summary', disabled: completed }) as HTMLTextAreaElement;
  summary.value = draft.summary ?? serverResult?.summary ?? '';
  summary.addEventListener('input', () => {
    draft.summary = summary.value;
    void save();
  });
  const finding = h('textarea', { id: 'finding', name: 'finding', disabled: completed }) as HTMLTextAreaElement;
  finding.value = draft.findingText ?? '';
  finding.addEventListener('input', () => {
    draft.findingText = finding.value;
    void save();
  });
  const canvas = h('canvas', { className: 'signature', id: 'signature', 'aria-label': t('signature') }) as HTMLCanvasElement;
  const signatureNote = h('p', { className: 'warn', id: 'signature-note', role: 'alert' });
  const photo = h('input', {
    type: 'file',
    accept: 'image/*',
    capture: 'environment',
    id: 'photo',
    name: 'photo',
    disabled: completed,
  }) as HTMLInputElement;
  photo.addEventListener('change', async () => {
    const file = photo.files?.[0];
    if (file === undefined) return;
    const local = await queueEvidence(id, 'photo', file);
    await redraw((d) => {
      d.photos.push(local);
    });
    void flush();
  });
  const poor = start?.position !== undefined && start.position.accuracyM > POOR_FIX_M;
  const startCard = started
    ? h(
        'div',
        { className: 'card', id: 'start-record' },
        h('p', { className: 'badge', id: 'started' }, t('started')),
        h('div', { id: 'started-at' }, t('startedAt', { at: clock(start.at) })),
        h(
          'div',
          { className: 'muted', id: 'position' },
          start.position === undefined
            ? t('noPosition')
            : t('position', { lat: start.position.lat.toFixed(5), lng: start.position.lng.toFixed(5), m: start.position.accuracyM }),
        ),
        poor && draft.start?.acknowledged !== true && draft.start !== undefined
          ? h(
              'p',
              { className: 'warn', id: 'gps-warning', role: 'alert' },
              t('gpsPoor', { m: start.position?.accuracyM ?? '' }),
              ' ',
              h(
                'button',
                {
                  className: 'link',
                  type: 'button',
                  id: 'gps-ack',
                  onclick: () =>
                    redraw((d) => {
                      if (d.start) d.start.acknowledged = true;
                    }),
                },
                t('gpsAck'),
              ),
            )
          : poor
            ? h('p', { className: 'muted', id: 'gps-acknowledged' }, t('gpsAcked', { m: start.position?.accuracyM ?? '' }))
            : null,
      )
    : h(
        'div',
        { className: 'card' },
        h('h3', {}, t('present')),
        ...server.team.map((m) =>
          h(
            'label',
            { 'data-member': m.id },
            h('input', { type: 'checkbox', name: 'present', value: m.id, checked: true, style: 'width:auto' }),
            ` ${who(m.id)}`,
          ),
        ),
        gpsNote,
        h(
          'button',
          {
            className: 'primary',
            type: 'button',
            id: 'start',
            onclick: async () => {
              const inspectors = [...app.querySelectorAll<HTMLInputElement>('input[name=present]:checked')].map((i) => i.value);
              const position = await locate(gpsNote);
              const at = now();
              const recorded =
                position === undefined ? undefined : { ...position, ...(position.accuracyM > POOR_FIX_M ? { poorFix: true } : {}) };
              await queueCommand(id, 'start', { at, channel: 'mobile-form', inspectors, ...(recorded ? { position: recorded } : {}) });
              await redraw((d) => {
                d.start = { at, ...(recorded ? { position: recorded } : {}) };
              });
              void flush();
            },
          },
          t('start'),
        ),
      );
  if (superseded(mine)) return;
  render(
    h('a', { href: '#/', className: 'muted' }, `← ${t('back')}`),
    h(
      'div',
      { className: 'card' },
      h('h2', {}, server.entity.name || server.entity.uscc),
      h('div', { className: 'muted' }, `${server.entity.uscc} · ${server.entity.address}`),
      h('div', { className: 'muted' }, `${t('planned')} ${server.plannedStart} – ${server.plannedEnd}`),
      h('div', { className: 'muted', id: 'team' }, `${t('team')} ${server.team.map((m) => who(m.id)).join('、')}`),
      completed ? h('p', { className: 'badge completed', id: 'completed' }, t('completed')) : null,
    ),
    startCard,
    ...server.checklists.map((c) =>
      h(
        'section',
        { className: 'card' },
        h('h3', {}, `${t('checklist')} · ${c.name}`),
        h('div', { className: 'muted' }, c.legalBasis),
        ...c.questions.map((q) => {
          const current = answerOf(c.item, q.id);
          const answer = (value: string) => async () => {
            if (completed) return;
            await queueCommand(id, 'answers', { at: now(), answers: [{ item: c.item, question: q.id, answer: value }] });
            await redraw((d) => {
              d.answers[`${c.item}/${q.id}`] = value;
            });
            void flush();
          };
          return h(
            'fieldset',
            { className: 'card', 'data-question': q.id, style: 'border:0;padding:8px 0' },
            h('legend', {}, `${q.question}${q.mandatory ? ` (${t('mandatory')})` : ''}`),
            h(
              'div',
              { className: 'choices' },
              choice(t('yes'), current === 'yes', answer('yes'), 'yes', completed),
              choice(t('no'), current === 'no', answer('no'), 'no', completed),
              choice(t('na'), current === 'not-applicable', answer('not-applicable'), 'not-applicable', completed),
            ),
          );
        }),
      ),
    ),
    h(
      'section',
      { className: 'card', id: 'findings' },
      h('h3', {}, t('findings')),
      ...findings.map((f) => h('p', { className: 'finding', 'data-finding': f.findingId }, f.text)),
      completed ? null : h('label', { for: 'finding' }, t('findings')),
      completed ? null : finding,
      completed
        ? null
        : h(
            'button',
            {
              className: 'primary',
              type: 'button',
              id: 'add-finding',
              onclick: async () => {
                const text = finding.value.trim();
                if (text === '') return;
                const findingId = `f-${uuid()}`;
                await queueCommand(id, 'findings', { at: now(), findingId, text });
                await redraw((d) => {
                  d.findings.push({ findingId, text });
                  d.findingText = '';
                });
                void flush();
              },
            },
            t('addFinding'),
          ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('photos'), ' ', h('span', { className: 'muted', id: 'photo-count' }, String(photoTotal))),
      h(
        'div',
        { className: 'photos', id: 'thumbnails' },
        ...localSent.map((p) => thumbnail(p, t('uploaded'))),
        ...serverPhotos.slice(localSent.length).map((e) => serverThumbnail(id, e, `${t('uploaded')} · ${clock(e.capturedAt)}`)),
        ...localWaiting.map((p) => {
          const share = progress.get(p.key);
          return thumbnail(p, share === undefined ? t('waiting') : `${t('waiting')} ${Math.round(share * 100)}%`);
        }),
      ),
      completed ? null : h('label', { for: 'photo' }, t('takePhoto')),
      completed ? null : photo,
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('signature')),
      signedAt !== undefined ? h('p', { id: 'signed' }, t('signedAt', { at: clock(signedAt) })) : null,
      signature !== undefined
        ? h('div', { className: 'photos' }, thumbnail(signature, t('signature')))
        : serverSignature !== undefined
          ? h('div', { className: 'photos', id: 'server-signature' }, serverThumbnail(id, serverSignature, t('signature')))
          : null,
      completed ? null : canvas,
      completed ? null : signatureNote,
      completed
        ? null
        : h(
            'div',
            { className: 'choices' },
            h('button', { className: 'choice', type: 'button', onclick: () => pad?.clear() }, t('clear')),
            h(
              'button',
              {
                className: 'choice',
                type: 'button',
                id: 'save-signature',
                onclick: async () => {
                  if (pad === undefined || pad.isEmpty()) {
                    signatureNote.textContent = t('emptySignature');
                    return;
                  }
                  const blob = await pad.toBlob();
                  if (blob === null) return;
                  const local = await queueEvidence(id, 'signature', blob);
                  await redraw((d) => {
                    d.signature = local;
                  });
                  void flush();
                },
              },
              t('saveSignature'),
            ),
          ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('result')),
      h(
        'div',
        { className: 'choices four' },
        ...(
          [
            ['compliant', t('compliant')],
            ['non-compliant', t('nonCompliant')],
            ['not-found-at-address', t('notFound')],
            ['refused', t('refused')],
          ] as const
        ).map(([value, label]) =>
          // The result is kept on the phone and sent with its explanation when the inspection is completed,
          // so the explanation typed after (or before) the tap is never lost.
          choice(label, result === value, () => void redraw((d) => (d.result = value)), value, completed),
        ),
      ),
      h('label', { for: 'summary' }, t('summary')),
      summary,
    ),
    onSite && missing.length > 0 ? h('p', { className: 'warn', id: 'missing' }, t('missing', { what: missing.join('、') })) : null,
    h(
      'div',
      { className: 'sticky-actions' },
      h(
        'button',
        {
          className: 'primary',
          type: 'button',
          id: 'complete',
          disabled: completed || !started || result === undefined || (onSite && missing.length > 0),
          onclick: async () => {
            const at = now();
            if (draft.result !== undefined) {
              await queueCommand(id, 'result', { at, result: draft.result, summary: summary.value.trim() });
            }
            await queueCommand(id, 'complete', { at });
            await redraw((d) => {
              d.summary = summary.value;
              d.completed = true;
            });
            void flush();
          },
        },
        completed ? t('completed') : t('complete'),
      ),
    ),
  );
  const pad = completed ? undefined : signaturePad(canvas);
  void showSync();
}

/** GPS with its accuracy; a poor fix is said, never silently accepted. */
function locate(note: HTMLElement): Promise<Position | undefined> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      note.textContent = t('gpsNone');
      return resolve(undefined);
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) }),
      () => {
        note.textContent = t('gpsNone');
        resolve(undefined);
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

function route(): void {
  (document.getElementById('title') as HTMLElement).textContent = t('title');
  (document.getElementById('lang') as HTMLElement).textContent = language() === 'zh' ? 'EN' : '中文';
  void showSync();
  if (session() === null) {
    void signIn();
    return;
  }
  const match = /^#\/inspections\/(.+)$/.exec(location.hash);
  void (match?.[1] ? inspection(decodeURIComponent(match[1])) : worklist());
}

document.getElementById('lang')?.addEventListener('click', () => {
  setLanguage(language() === 'zh' ? 'en' : 'zh');
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('online', () => void flush());
window.addEventListener('offline', () => void showSync());
setInterval(() => void flush(), 5000);
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('sw.js', { scope: './' });
setLanguage(language());
void (async () => {
  if (cognito !== undefined && new URLSearchParams(location.search).has('code')) {
    const fresh = await finishSignIn(cognito);
    if (fresh !== undefined) return signedIn(fresh);
  }
  route();
  void flush();
})();
