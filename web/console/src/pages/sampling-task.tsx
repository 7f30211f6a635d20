import { useState } from 'preact/hooks';
import { getJson, postJson } from '../api.ts';
import { type DrawCheck, type ProofDocument, verifyDraw } from '../draw.ts';
import { label, t, when } from '../i18n.ts';
import { CREDIT_CLASSES } from '../labels.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, ProblemNote, saveFile, useLoad } from '../widgets.tsx';
import { ClassTable, TaskStatus, type TaskView } from './sampling.tsx';

interface Preview {
  strata: { name: string; rateBp: number; size: number }[];
  excludedAsDrawnThisYear: number;
}
interface PublicView {
  selected?: string[];
  results?: { uscc: string; name: string; result: string; completedAt: string }[];
  resultsOverdue: boolean;
}

/** A step of the re-run in the user's words: `stratum C selected` → C 类（失信） 抽中名单. */
function stepName(step: string): string {
  const words: Record<string, () => string> = {
    commitment: () => t('commitmentShort'),
    selected: () => t('selectedList'),
    size: () => t('populationSize'),
    populationHash: () => t('populationHash'),
    k: () => t('sampleSize'),
    poolHash: () => t('poolHash'),
    teams: () => t('teams'),
    algorithm: () => t('algorithm'),
    assignments: () => t('teams'),
  };
  const stratum = /^stratum (\w+)(?: (\w+))?$/.exec(step);
  if (stratum !== null)
    return `${label('class', stratum[1] ?? '')}${stratum[2] === undefined ? '' : ` ${words[stratum[2]]?.() ?? stratum[2]}`}`;
  const team = /^team of (.+)$/.exec(step);
  if (team !== null) return t('teamOf', { entity: team[1] ?? '' });
  return words[step]?.() ?? step;
}

const saveJson = (name: string, data: unknown) => saveFile(name, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));

/** Step 1 of the ceremony: the commitment, published before anyone knows the witness's entropy. */
function Commitment({ task }: { task: TaskView }) {
  return (
    <section class="card ceremony-step" aria-labelledby="commitment-h">
      <h2 id="commitment-h">① {t('commitment')}</h2>
      <p class="muted">{t('commitmentHint')}</p>
      <p class="mono hash" id="commitment">
        {task.commitment}
      </p>
      <p class="muted">{t('plannedAt', { at: when(task.createdAt) })}</p>
    </section>
  );
}

/** Step 2: the witness types the entropy, the supervisor draws (once). */
function DrawForm({ task, session, onDrawn }: { task: TaskView; session: Session; onDrawn: () => void }) {
  const preview = useLoad(() => getJson<Preview>(`/sampling-tasks/${encodeURIComponent(task.id)}/preview`), [task.id]);
  const [witness, setWitness] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const waiting = task.partnerAgencies.filter((p) => !(task.acceptedBy ?? []).includes(p));
  const mayDraw = session.roles.includes('supervisor') && session.agency === task.ownerAgency;
  const mayAccept = session.roles.includes('supervisor') && waiting.includes(session.agency);
  return (
    <section class="card ceremony-step" aria-labelledby="draw-h">
      <h2 id="draw-h">② {t('witnessAndDraw')}</h2>
      <Loading state={preview}>
        {(p) => (
          <>
            <ClassTable rows={p.strata} sample={false} />
            <p class="muted">{t('excludedThisYear', { n: p.excludedAsDrawnThisYear })}</p>
          </>
        )}
      </Loading>
      {waiting.length > 0 ? <p class="warn">{t('partnersPending', { agencies: waiting.join('、') })}</p> : null}
      {mayAccept ? (
        <button
          type="button"
          class="primary"
          onClick={() =>
            postJson(`/sampling-tasks/${encodeURIComponent(task.id)}/accept`, { note: '' }).then(onDrawn, (e: unknown) => setError(e))
          }
        >
          {t('acceptJoint')}
        </button>
      ) : null}
      {mayDraw ? (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setError(undefined);
            try {
              await postJson(`/sampling-tasks/${encodeURIComponent(task.id)}/draw`, { witness: witness.trim() });
              onDrawn();
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          <div class="field">
            <label for="witness">{t('witnessEntropy')}</label>
            <input
              id="witness"
              required
              maxLength={500}
              value={witness}
              onInput={(e) => setWitness((e.currentTarget as HTMLInputElement).value)}
            />
            <p class="muted">{t('witnessHint')}</p>
          </div>
          <button type="submit" class="primary" id="draw" disabled={busy || witness.trim() === '' || waiting.length > 0}>
            {busy ? t('drawing') : t('drawNow')}
          </button>
        </form>
      ) : (
        <p class="muted">{t('drawBySupervisor')}</p>
      )}
      {error === undefined ? null : <ProblemNote error={error} />}
    </section>
  );
}

/** Step 3: the draw as recorded, the proof downloaded and re-run in this browser (draw spec v1). */
function Proof({ task }: { task: TaskView }) {
  const draw = task.draw;
  const [check, setCheck] = useState<DrawCheck | string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  if (draw === undefined) return null;
  const base = `/sampling-tasks/${encodeURIComponent(task.id)}`;
  const fetchAll = async () => {
    setCheck(t('fetchingProof'));
    const proof = await getJson<ProofDocument>(`${base}/proof`);
    const populations = new Map<string, string[]>();
    for (const s of proof.strata) {
      setCheck(t('fetchingPopulation', { c: label('class', s.name) }));
      populations.set(s.name, (await getJson<{ ids: string[] }>(`${base}/populations/${s.name}`)).ids);
    }
    return { proof, populations };
  };
  return (
    <section class="card ceremony-step" aria-labelledby="proof-h">
      <h2 id="proof-h">③ {t('drawAndProof')}</h2>
      <dl class="facts">
        <dt>{t('witnessEntropy')}</dt>
        <dd id="witness-recorded">{draw.witness}</dd>
        <dt>{t('drawnAt')}</dt>
        <dd>{when(draw.drawnAt)}</dd>
        <dt>{t('seedRevealed')}</dt>
        <dd class="mono hash">{draw.seed}</dd>
      </dl>
      <ClassTable rows={draw.strata} />
      {draw.shortfallCount > 0 ? <p class="warn">{t('shortfalls', { n: draw.shortfallCount })}</p> : null}
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          id="verify-draw"
          disabled={typeof check === 'string'}
          onClick={async () => {
            setError(undefined);
            try {
              const { proof, populations } = await fetchAll();
              setCheck(t('rerunning'));
              setCheck(await verifyDraw(proof, populations));
            } catch (e) {
              setCheck(undefined);
              setError(e);
            }
          }}
        >
          {t('verifyDrawInBrowser')}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() =>
            fetchAll().then(
              ({ proof, populations }) => {
                setCheck(undefined);
                saveJson(`${task.id}-proof.json`, proof);
                for (const [name, ids] of populations) saveJson(`${task.id}-population-${name}.json`, { stratum: name, ids });
              },
              (e: unknown) => {
                setCheck(undefined);
                setError(e);
              },
            )
          }
        >
          {t('downloadProof')}
        </button>
      </div>
      <p class="muted">{t('cliHint')}</p>
      {typeof check === 'string' ? <p aria-busy="true">{check}</p> : null}
      {check === undefined || typeof check === 'string' ? null : check.ok ? (
        <div class="ok" role="status" id="draw-verdict" data-ok="true">
          <p>
            <b>{t('drawVerified')}</b>
          </p>
          <ul>
            {check.checked.map((c) => (
              <li key={c.step}>
                {stepName(c.step)}：{c.detail}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="problem" role="alert" id="draw-verdict" data-ok="false">
          {t('drawMismatch', { step: stepName(check.failed.step), expected: check.failed.expected, found: check.failed.found })}
        </p>
      )}
      {error === undefined ? null : <ProblemNote error={error} />}
    </section>
  );
}

/** Step 4: results and their publication (一公开), from what the public reads. */
function Results({ task }: { task: TaskView }) {
  const state = useLoad(() => getJson<PublicView>(`/public/sampling-tasks/${encodeURIComponent(task.id)}`), [task.id]);
  return (
    <section class="card ceremony-step" aria-labelledby="results-h">
      <h2 id="results-h">④ {t('resultsPublication')}</h2>
      <Loading state={state}>
        {(p) => (
          <>
            <p>
              {t('resultsCount', { done: p.results?.length ?? 0, total: p.selected?.length ?? 0 })}{' '}
              {p.resultsOverdue ? (
                <span class="badge overdue">{t('resultsLate')}</span>
              ) : (
                <span class="badge later">{t('resultsOnTime')}</span>
              )}{' '}
              <a href={`/disclosure/#/sampling/${encodeURIComponent(task.id)}`}>{t('publicPage')}</a>
            </p>
            {(p.results ?? []).length === 0 ? null : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('entity')}</th>
                    <th scope="col">{t('result')}</th>
                    <th scope="col">{t('completedAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {(p.results ?? []).map((r) => (
                    <tr key={r.uscc}>
                      <td>
                        {r.name} <span class="mono">{r.uscc}</span>
                      </td>
                      <td>{label('result', r.result)}</td>
                      <td>{when(r.completedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Loading>
    </section>
  );
}

/** A task and its draw ceremony: commitment first, then the witness and the draw, then the proof verified here. */
export default function SamplingTaskPage({ route, session }: { route: Route; session: Session }) {
  const id = route.path[1] ?? '';
  const state = useLoad(() => getJson<TaskView>(`/sampling-tasks/${encodeURIComponent(id)}`), [id]);
  return (
    <>
      <p>
        <a href="#/sampling">← {t('back')}</a>
      </p>
      <Loading state={state}>
        {(task) => (
          <>
            <h1>
              {task.name} <TaskStatus task={task} />
            </h1>
            <dl class="facts">
              <dt>{t('checkItems')}</dt>
              <dd>{task.items.join('、')}</dd>
              <dt>{t('period')}</dt>
              <dd>
                {task.period.start} – {task.period.end}
              </dd>
              <dt>{t('populationFilter')}</dt>
              <dd>
                {task.population.industry ?? t('anyIndustry')} · {task.population.regionPrefix ?? t('anyRegion')}
              </dd>
              <dt>{t('rates')}</dt>
              <dd>{CREDIT_CLASSES.map((c) => `${c} ${task.ratesBp[c] / 100}%`).join(' · ')}</dd>
              <dt>{t('teams')}</dt>
              <dd>{task.teams.map((x) => `${x.agency} × ${x.count}`).join('、')}</dd>
              <dt>{t('partners')}</dt>
              <dd>
                {task.partnerAgencies.length === 0
                  ? '—'
                  : task.partnerAgencies
                      .map((p) => `${p}（${(task.acceptedBy ?? []).includes(p) ? t('accepted') : t('notAccepted')}）`)
                      .join('、')}
              </dd>
            </dl>
            <Commitment task={task} />
            {task.status === 'planned' ? <DrawForm task={task} session={session} onDrawn={state.reload} /> : null}
            <Proof task={task} />
            {task.status === 'drawn' ? <Results task={task} /> : null}
          </>
        )}
      </Loading>
    </>
  );
}
