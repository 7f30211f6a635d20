import { beginSignIn, finishSignIn } from './cognito.ts';
import { h } from './dom.ts';
import { language, setLanguage, t } from './i18n.ts';
import { cacheGet, cachePut, done, enqueue, markFailed, pending, type QueuedOp } from './queue.ts';
import { signaturePad } from './signature-pad.ts';

interface Question {
  id: string;
  question: string;
  mandatory: boolean;
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
  findings?: { findingId: string; text: string }[] | number;
  evidence?: { kind: string }[] | number;
  result?: { result: string } | string;
  start?: unknown;
}
/** What this device has done to an inspection, shown at once, before (or without) the server's answer. */
interface Draft {
  started?: boolean;
  answers: Record<string, string>;
  findings: string[];
  photos: number;
  signed: boolean;
  result?: string;
  completed?: boolean;
}

const app = document.getElementById('app') as HTMLElement;
const sync = document.getElementById('sync') as HTMLElement;
const session = () => JSON.parse(localStorage.getItem('session') ?? 'null') as { token: string; sub: string } | null;
const uuid = () => crypto.randomUUID();
const now = () => new Date().toISOString();
const progress = new Map<string, number>();
const render = (...children: (Node | null | false)[]) =>
  app.replaceChildren(...children.filter((c): c is Node => c !== null && c !== false));

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

async function send(op: QueuedOp): Promise<void> {
  const check = async (response: Response) => {
    if (response.ok) return response;
    if (response.status >= 500 || response.status === 429 || response.status === 408) throw new Retry(String(response.status));
    const problem = (await response.json().catch(() => ({}))) as { type?: string; detail?: string; title?: string };
    // The same Idempotency-Key is still being processed (a retry raced the first try): ask again later.
    if (problem.type === '/problems/request-in-progress') throw new Retry('in progress');
    throw new Error(problem.detail ?? problem.title ?? String(response.status));
  };
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
    if (status >= 400) throw new Error(`upload refused (${status})`);
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
/** Sends the queue in order; stops at the first network failure and tries again when the network is back. */
async function flush(): Promise<void> {
  if (flushing || !navigator.onLine) return void showSync();
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
        // Refused for good (e.g. the inspection was completed meanwhile): keep it visible, go on with the rest.
        await markFailed(op, (error as Error).message);
      }
    }
  } finally {
    flushing = false;
    await showSync();
  }
}

async function showSync(sending = false): Promise<void> {
  const ops = await pending();
  const failed = ops.find((o) => o.error !== undefined);
  const uploading = [...progress.values()];
  sync.className = `sync${failed ? ' failed' : ops.length > 0 ? ' pending' : ''}`;
  sync.dataset.pending = String(ops.length);
  if (failed) {
    sync.replaceChildren(
      t('failed', { why: failed.error ?? '' }),
      ' ',
      h(
        'button',
        {
          className: 'link',
          type: 'button',
          id: 'dismiss',
          onclick: async () => {
            for (const op of ops.filter((o) => o.error !== undefined)) await done(op.seq as number);
            await showSync();
          },
        },
        t('dismiss'),
      ),
    );
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

async function queue(op: QueuedOp): Promise<void> {
  await enqueue(op);
  void flush();
}

const draftKey = (id: string) => `draft:${id}`;
async function draftOf(id: string): Promise<Draft> {
  return (await cacheGet<Draft>(draftKey(id))) ?? { answers: {}, findings: [], photos: 0, signed: false };
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

async function load<T>(path: string): Promise<T | undefined> {
  try {
    const response = await (earlyWorklist(path) ?? call('GET', path));
    if (response.status === 401) {
      localStorage.removeItem('session');
      return undefined;
    }
    if (response.ok) {
      const body = (await response.json()) as T;
      await cachePut(path, body);
      return body;
    }
  } catch {
    // offline: fall back to the cache
  }
  return cacheGet<T>(path);
}

function signIn(): void {
  if (cognito !== undefined) {
    render(
      h(
        'div',
        { className: 'card' },
        h('button', { className: 'primary', type: 'button', id: 'sign-in', onclick: () => void beginSignIn(cognito) }, t('signIn')),
      ),
    );
    return;
  }
  const id = h('input', { id: 'sub', name: 'sub', autocomplete: 'username', required: true }) as HTMLInputElement;
  const agency = h('input', { id: 'agency', name: 'agency', value: 'SAMR-110105', required: true }) as HTMLInputElement;
  const jurisdiction = h('input', { id: 'jurisdiction', name: 'jurisdiction', value: '110105', inputmode: 'numeric' }) as HTMLInputElement;
  const error = h('p', { className: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      className: 'card',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const response = await fetch('/_local/token', {
          method: 'POST',
          body: JSON.stringify({
            sub: id.value.trim(),
            roles: ['inspector'],
            agency: agency.value.trim(),
            jurisdiction: jurisdiction.value.trim(),
          }),
        }).catch(() => undefined);
        if (response?.ok !== true) {
          error.textContent = response ? ((await response.json()) as { detail: string }).detail : 'offline';
          return;
        }
        const { access_token } = (await response.json()) as { access_token: string };
        localStorage.setItem('session', JSON.stringify({ token: access_token, sub: id.value.trim() }));
        route();
      },
    },
    h('h2', {}, t('devSignIn')),
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

async function worklist(): Promise<void> {
  const page = await load<{ items: Inspection[] }>(WORKLIST);
  if (session() === null) return signIn();
  const items = page?.items ?? [];
  render(
    h('h2', {}, t('worklist')),
    items.length === 0 ? h('p', { className: 'muted' }, t('empty')) : null,
    ...items.map((i) =>
      h(
        'a',
        { className: 'item', href: `#/inspections/${encodeURIComponent(i.inspectionId)}`, 'data-inspection': i.inspectionId },
        h('strong', {}, i.entity.name || i.entity.uscc),
        h('div', { className: 'muted' }, i.entity.address),
        h(
          'div',
          { className: 'muted' },
          `${t('planned')} ${i.plannedStart} – ${i.plannedEnd} `,
          h(
            'span',
            { className: `badge ${i.status}` },
            i.status === 'completed' ? t('completed') : i.status === 'in-progress' ? t('inProgress') : t('assigned'),
          ),
        ),
      ),
    ),
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
}

function choice(label: string, pressed: boolean, onclick: () => void, name: string): HTMLElement {
  return h('button', { className: 'choice', type: 'button', 'aria-pressed': String(pressed), 'data-choice': name, onclick }, label);
}

async function inspection(id: string): Promise<void> {
  const server = await load<Inspection>(`/inspections/${encodeURIComponent(id)}`);
  if (session() === null) return signIn();
  if (server === undefined) return void app.replaceChildren(h('p', { className: 'error' }, '404'));
  const draft = await draftOf(id);
  const redraw = async (change: (d: Draft) => void) => {
    change(draft);
    await saveDraft(id, draft);
    await inspection(id);
  };
  const completed = server.status === 'completed' || draft.completed === true;
  const started = server.start !== undefined || draft.started === true;
  const answerOf = (item: string, q: string) => draft.answers[`${item}/${q}`] ?? server.answers?.[`${item}/${q}`]?.answer;
  const result = draft.result ?? (typeof server.result === 'object' ? server.result?.result : server.result);
  const missing = server.checklists.flatMap((c) =>
    c.questions.filter((q) => q.mandatory && answerOf(c.item, q.id) === undefined).map((q) => q.question),
  );
  const onSite = result === 'compliant' || result === 'non-compliant';
  const gpsNote = h('p', { className: 'muted', id: 'gps' });
  const summary = h('textarea', { id: 'summary', name: 'summary' }) as HTMLTextAreaElement;
  const finding = h('textarea', { id: 'finding', name: 'finding' }) as HTMLTextAreaElement;
  const canvas = h('canvas', { className: 'signature', id: 'signature', 'aria-label': t('signature') }) as HTMLCanvasElement;
  const photo = h('input', { type: 'file', accept: 'image/*', capture: 'environment', id: 'photo', name: 'photo' }) as HTMLInputElement;
  photo.addEventListener('change', async () => {
    const file = photo.files?.[0];
    if (file === undefined) return;
    await queue({ inspectionId: id, kind: 'evidence', evidenceKind: 'photo', path: '', body: { capturedAt: now() }, key: uuid(), file });
    await redraw((d) => {
      d.photos += 1;
    });
  });
  render(
    h('a', { href: '#/', className: 'muted' }, `← ${t('back')}`),
    h(
      'div',
      { className: 'card' },
      h('h2', {}, server.entity.name || server.entity.uscc),
      h('div', { className: 'muted' }, `${server.entity.uscc} · ${server.entity.address}`),
      h('div', { className: 'muted' }, `${t('planned')} ${server.plannedStart} – ${server.plannedEnd}`),
      completed ? h('p', { className: 'badge completed', id: 'completed' }, t('completed')) : null,
    ),
    started
      ? h('p', { className: 'badge' }, t('started'))
      : h(
          'div',
          { className: 'card' },
          h('h3', {}, t('present')),
          ...server.team.map((m) =>
            h('label', {}, h('input', { type: 'checkbox', name: 'present', value: m.id, checked: true, style: 'width:auto' }), ` ${m.id}`),
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
                await queue({
                  inspectionId: id,
                  kind: 'command',
                  path: `/inspections/${id}/start`,
                  body: { at: now(), channel: 'mobile-form', inspectors, ...(position ? { position } : {}) },
                  key: uuid(),
                });
                await redraw((d) => {
                  d.started = true;
                });
              },
            },
            t('start'),
          ),
        ),
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
            await queue({
              inspectionId: id,
              kind: 'command',
              path: `/inspections/${id}/answers`,
              body: { at: now(), answers: [{ item: c.item, question: q.id, answer: value }] },
              key: uuid(),
            });
            await redraw((d) => {
              d.answers[`${c.item}/${q.id}`] = value;
            });
          };
          return h(
            'fieldset',
            { className: 'card', 'data-question': q.id, style: 'border:0;padding:8px 0' },
            h('legend', {}, `${q.question}${q.mandatory ? ` (${t('mandatory')})` : ''}`),
            h(
              'div',
              { className: 'choices' },
              choice(t('yes'), current === 'yes', answer('yes'), 'yes'),
              choice(t('no'), current === 'no', answer('no'), 'no'),
              choice(t('na'), current === 'not-applicable', answer('not-applicable'), 'not-applicable'),
            ),
          );
        }),
      ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('findings')),
      ...draft.findings.map((f) => h('p', {}, f)),
      h('label', { for: 'finding' }, t('findings')),
      finding,
      h(
        'button',
        {
          className: 'primary',
          type: 'button',
          id: 'add-finding',
          disabled: completed,
          onclick: async () => {
            if (finding.value.trim() === '') return;
            await queue({
              inspectionId: id,
              kind: 'command',
              path: `/inspections/${id}/findings`,
              body: { at: now(), findingId: `f-${uuid()}`, text: finding.value.trim() },
              key: uuid(),
            });
            await redraw((d) => {
              d.findings.push(finding.value.trim());
            });
          },
        },
        t('addFinding'),
      ),
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('photos')),
      h('p', { className: 'muted', id: 'photo-count' }, `${draft.photos}`),
      h('label', { for: 'photo' }, t('takePhoto')),
      photo,
    ),
    h(
      'section',
      { className: 'card' },
      h('h3', {}, t('signature')),
      canvas,
      draft.signed ? h('p', { id: 'signed' }, t('signatureSaved')) : null,
      h(
        'div',
        { className: 'choices' },
        h('button', { className: 'choice', type: 'button', onclick: () => pad.clear() }, t('clear')),
        h(
          'button',
          {
            className: 'choice',
            type: 'button',
            id: 'save-signature',
            onclick: async () => {
              if (pad.isEmpty()) return;
              const blob = await pad.toBlob();
              if (blob === null) return;
              await queue({
                inspectionId: id,
                kind: 'evidence',
                evidenceKind: 'signature',
                path: '',
                body: { capturedAt: now() },
                key: uuid(),
                file: blob,
              });
              await redraw((d) => {
                d.signed = true;
              });
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
          choice(
            label,
            result === value,
            async () => {
              if (completed) return;
              await queue({
                inspectionId: id,
                kind: 'command',
                path: `/inspections/${id}/result`,
                body: { at: now(), result: value, summary: summary.value },
                key: uuid(),
              });
              await redraw((d) => {
                d.result = value;
              });
            },
            value,
          ),
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
            await queue({ inspectionId: id, kind: 'command', path: `/inspections/${id}/complete`, body: { at: now() }, key: uuid() });
            await redraw((d) => {
              d.completed = true;
            });
          },
        },
        completed ? t('completed') : t('complete'),
      ),
    ),
  );
  const pad = signaturePad(canvas);
}

/** GPS with its accuracy; a poor fix is said, never silently accepted. */
function locate(note: HTMLElement): Promise<{ lat: number; lng: number; accuracyM: number } | undefined> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) {
      note.textContent = t('gpsNone');
      return resolve(undefined);
    }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        const position = { lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: Math.round(p.coords.accuracy) };
        note.textContent = `${t('gps')} ±${position.accuracyM} m`;
        if (position.accuracyM > 50) {
          note.className = 'warn';
          note.textContent = t('gpsPoor', { m: position.accuracyM });
        }
        resolve(position);
      },
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
  if (session() === null) {
    signIn();
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
    const signedIn = await finishSignIn(cognito);
    if (signedIn !== undefined) localStorage.setItem('session', JSON.stringify(signedIn));
  }
  route();
  void flush();
})();
