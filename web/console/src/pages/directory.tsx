import { useEffect, useState } from 'preact/hooks';
import { call, getAll, getJson } from '../api.ts';
import { label, t, when } from '../i18n.ts';
import { CREDIT_CLASSES } from '../labels.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, ProblemNote, useLoad } from '../widgets.tsx';

/** An entity in the class the draw uses (`GET /credit/entities`). */
interface ClassedEntity {
  uscc: string;
  name: string;
  region: string;
  class: string;
  nationalClass: string;
  reclassified: boolean;
  flags: string[];
}
interface ImportJob {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  rowsDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  requestedAt: string;
  rows: { line: number; outcome: string; reason?: string; uscc?: string }[];
}

const TABS = ['entities', 'imports', 'inspectors', 'items'] as const;
type Tab = (typeof TABS)[number];

/** Entities with their credit class (the credit context's, else the national one) and why: the profile explains it. */
function Entities({ route }: { route: Route }) {
  const klass = route.query.get('class') ?? '';
  const region = route.query.get('region') ?? '';
  // The entities as the distribution counts them: each in the class the draw uses (the credit context's, else the
  // national one), so a class of the dashboard opens exactly the entities it counts.
  const state = useLoad(async () => {
    const query = new URLSearchParams();
    if (/^\d{2,6}$/.test(region)) query.set('region', region);
    if ((CREDIT_CLASSES as readonly string[]).includes(klass)) query.set('class', klass);
    const entities = await getAll<ClassedEntity>(`/credit/entities${query.size > 0 ? `?${query}` : ''}`, 2000);
    return { entities };
  }, [region, klass]);
  const go = (key: string, value: string) => {
    const next = new URLSearchParams(route.query);
    value === '' ? next.delete(key) : next.set(key, value);
    next.set('tab', 'entities');
    location.hash = `#/directory?${next}`;
  };
  return (
    <>
      <form class="filters" aria-label={t('searchLabel')} onSubmit={(e) => e.preventDefault()}>
        <label for="dir-class">{t('creditClass')}</label>
        <select id="dir-class" value={klass} onChange={(e) => go('class', (e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('allClasses')}</option>
          {CREDIT_CLASSES.map((c) => (
            <option key={c} value={c}>
              {label('class', c)}
            </option>
          ))}
        </select>
        <label for="dir-region">{t('region')}</label>
        <input
          id="dir-region"
          value={region}
          inputMode="numeric"
          onChange={(e) => go('region', (e.currentTarget as HTMLInputElement).value.trim())}
        />
      </form>
      <p class="muted">{t('classNote')}</p>
      <Loading state={state}>
        {({ entities }) => {
          const shown = entities;
          if (shown.length === 0) return <p class="muted">{t('nothingFound')}</p>;
          return (
            <div class="table-wrap">
              <table id="entity-table">
                <thead>
                  <tr>
                    <th scope="col">{t('entity')}</th>
                    <th scope="col">{t('entityCode')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col">{t('creditClass')}</th>
                    <th scope="col">{t('nationalClass')}</th>
                    <th scope="col">{t('why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((e) => (
                    <tr key={e.uscc} data-entity={e.uscc}>
                      <td>{e.name}</td>
                      <td class="mono">{e.uscc}</td>
                      <td>{e.region}</td>
                      <td data-class={e.class}>{label('class', e.class)}</td>
                      <td>{label('class', e.nationalClass)}</td>
                      <td>
                        <a href={`#/credit/${encodeURIComponent(e.uscc)}`}>{t('creditProfile')}</a>
                        {e.flags.length > 0 ? ` · ${e.flags.map((f) => label('flag', f)).join('、')}` : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loading>
    </>
  );
}

const LAST_JOB = 'console.lastImport';

/** A bulk import: the file sent as a job, its progress as a bar, and every row that did not go in. */
function Imports() {
  const [jobId, setJobId] = useState(localStorage.getItem(LAST_JOB) ?? '');
  const [job, setJob] = useState<ImportJob | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (jobId === '') return;
    let stop = false;
    const poll = async () => {
      try {
        const next = await getJson<ImportJob>(`/entities/imports/${encodeURIComponent(jobId)}`);
        if (stop) return;
        setJob(next);
        if (next.status === 'running') setTimeout(poll, 1000);
      } catch (e) {
        if (!stop) setError(e);
      }
    };
    void poll();
    return () => {
      stop = true;
    };
  }, [jobId]);
  return (
    <>
      <form
        class="card"
        onSubmit={async (e) => {
          e.preventDefault();
          const file = (e.currentTarget.querySelector('#import-file') as HTMLInputElement).files?.[0];
          if (file === undefined) return;
          setBusy(true);
          setError(undefined);
          try {
            const type = /\.csv$/i.test(file.name) ? 'text/csv' : 'application/x-ndjson';
            const response = await call('POST', '/entities/imports', new Blob([await file.arrayBuffer()], { type }), crypto.randomUUID());
            const started = (await response.json()) as ImportJob;
            localStorage.setItem(LAST_JOB, started.id);
            setJob(started);
            setJobId(started.id);
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="field">
          <label for="import-file">{t('importFile')}</label>
          <input id="import-file" type="file" accept=".csv,.ndjson,.jsonl,text/csv,application/x-ndjson" required />
          <p class="muted">{t('importHint')}</p>
        </div>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('submitting') : t('startImport')}
        </button>
      </form>
      {error === undefined ? null : <ProblemNote error={error} />}
      {job === undefined ? null : (
        <section class="card" aria-labelledby="job-h" id="import-job" data-status={job.status}>
          <h2 id="job-h">
            {t('importJob')} <span class="mono">{job.id}</span> · {label('job', job.status)}
          </h2>
          <progress id="import-progress" max={Math.max(job.total, 1)} value={job.rowsDone} aria-label={t('importProgress')} />
          <p>
            {t('importCounts', {
              done: job.rowsDone,
              total: job.total,
              accepted: job.accepted,
              duplicates: job.duplicates,
              rejected: job.rejected,
            })}
          </p>
          <p class="muted">{when(job.requestedAt)}</p>
          {job.rows.length === 0 ? null : (
            <table id="rejected-rows">
              <thead>
                <tr>
                  <th scope="col">{t('line')}</th>
                  <th scope="col">{t('outcome')}</th>
                  <th scope="col">{t('reasonCol')}</th>
                </tr>
              </thead>
              <tbody>
                {job.rows.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>{label('job', r.outcome)}</td>
                    <td>{r.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

function Inspectors() {
  const state = useLoad(
    () => getAll<{ id: string; name: string; certificateNumber: string; specialties: string[]; conflicts: string[] }>('/inspectors', 2000),
    [],
  );
  return (
    <Loading state={state}>
      {(list) => (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('personId')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('certificate')}</th>
              <th scope="col">{t('conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <td class="mono">{p.id}</td>
                <td>{p.name}</td>
                <td>{p.certificateNumber}</td>
                <td class="mono">{p.conflicts.join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Loading>
  );
}

function Items() {
  const state = useLoad(
    () => getAll<{ code: string; name: string; legalBasis: string; checklist: unknown[] }>('/inspection-items', 500),
    [],
  );
  return (
    <Loading state={state}>
      {(list) => (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('itemCode')}</th>
              <th scope="col">{t('name')}</th>
              <th scope="col">{t('basisCol')}</th>
              <th scope="col">{t('checklistSize')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.code}>
                <td class="mono">{i.code}</td>
                <td>{i.name}</td>
                <td>{i.legalBasis}</td>
                <td>{i.checklist.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Loading>
  );
}

/** The directory: entities with their class and why, bulk imports, inspectors and inspection items. */
export default function Directory({ route }: { route: Route; session: Session }) {
  const tab = (TABS as readonly string[]).includes(route.query.get('tab') ?? '') ? (route.query.get('tab') as Tab) : 'entities';
  return (
    <>
      <h1>{t('directory')}</h1>
      <nav class="tabs" aria-label={t('directory')}>
        {TABS.map((x) => (
          <a key={x} href={`#/directory?tab=${x}`} aria-current={x === tab ? 'page' : undefined}>
            {t(`tab_${x}` as const)}
          </a>
        ))}
      </nav>
      {tab === 'entities' ? (
        <Entities route={route} />
      ) : tab === 'imports' ? (
        <Imports />
      ) : tab === 'inspectors' ? (
        <Inspectors />
      ) : (
        <Items />
      )}
    </>
  );
}
