import { useState } from 'preact/hooks';
import { getAll, getJson, postJson } from '../api.ts';
import { Chart } from '../charts.tsx';
import { label, t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, ProblemNote, useLoad } from '../widgets.tsx';

interface Source {
  stream: string;
  seq: number;
  type: string;
}
interface Profile {
  uscc: string;
  asOf: string;
  score: number;
  scoreClass: string;
  class: string;
  capped?: { by: string; basis: string };
  factors: {
    source: Source;
    on: string;
    rule: string;
    basis: string;
    initialPoints: number;
    points: number;
    decay: { months: number; endsOn: string };
    by: string;
    underObjection?: string;
  }[];
  listings: { listing: string; list: string; since: string; underObjection?: string }[];
  openObjections: { objection: string; since: string; target: { kind: string } }[];
  override?: { class: string; reason: string; on: string };
}
interface History {
  changes: { version: number; recordedAt: string; from: string | null; to: string; score: number; asOf: string; cause: { kind: string } }[];
}
interface Entity {
  name: string;
  address: string;
  industry: string;
  region: string;
}
interface TimelineEvent {
  type: string;
  recordedAt: string;
  stream: string;
  data: Record<string, unknown>;
}

/** The rules' starting score, from the profile itself: the score less every factor's points (credit-v1 starts at 1000). */
const startOf = (p: Profile) => p.score - p.factors.reduce((sum, f) => sum + f.points, 0);

/** An entity's credit profile: the score explained factor by factor, its history, listings, objections and repairs. */
/**
 * A short form that posts one decision: a note, and for a choice (受理 or not, 成立 or not) the yes or no; the page
 * reloads after it. A refusal is said in words below it.
 */
function NoteForm(props: {
  id: string;
  title: string;
  path: string;
  choice?: { key: string; yes: string; no: string };
  extra?: object;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const [yes, setYes] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="step card"
      id={props.id}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          const choice = props.choice === undefined ? {} : { [props.choice.key]: yes };
          const text = props.choice === undefined ? { reason: note } : { note };
          await postJson(props.path, { ...props.extra, ...choice, ...text });
          props.onDone();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>{props.title}</h3>
      {props.choice === undefined ? null : (
        <fieldset>
          <legend>{props.title}</legend>
          <label class="check">
            <input type="radio" name={`${props.id}-choice`} checked={yes} onChange={() => setYes(true)} /> {props.choice.yes}
          </label>
          <label class="check">
            <input type="radio" name={`${props.id}-choice`} checked={!yes} onChange={() => setYes(false)} /> {props.choice.no}
          </label>
        </fieldset>
      )}
      <div class="field">
        <label for={`${props.id}-note`}>{props.choice === undefined ? t('objectionReason') : t('decisionNote')}</label>
        <textarea
          id={`${props.id}-note`}
          rows={2}
          required
          value={note}
          onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
      {error === undefined ? null : <ProblemNote error={error} />}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}

/** The open objections with the form their state calls for: 受理 first, then the decision (supervisors). */
function Objections({
  profile,
  events,
  session,
  onDone,
}: {
  profile: Profile;
  events: TimelineEvent[];
  session: Session;
  onDone: () => void;
}) {
  if (profile.openObjections.length === 0) return null;
  const supervisor = session.roles.includes('supervisor');
  return (
    <ul id="open-objections">
      {profile.openObjections.map((o) => {
        const id = o.objection.replace(/^credit-objection\//, '');
        const accepted = events.some((e) => e.stream === o.objection && e.type === 'Credit.ObjectionAccepted');
        return (
          <li key={o.objection} data-objection={id}>
            {t('objectionOn', { since: o.since, target: label('objectionTarget', o.target.kind) })} ·{' '}
            {accepted ? t('objectionAccepted') : t('objectionFiled')}
            {!supervisor ? null : accepted ? (
              <NoteForm
                id={`decide-${id}`}
                title={t('decideObjection')}
                path={`/objections/${encodeURIComponent(id)}/decide`}
                choice={{ key: 'upheld', yes: t('upheld'), no: t('notUpheld') }}
                onDone={onDone}
              />
            ) : (
              <NoteForm
                id={`accept-${id}`}
                title={t('acceptObjection')}
                path={`/objections/${encodeURIComponent(id)}/accept`}
                choice={{ key: 'accept', yes: t('acceptIt'), no: t('notAcceptIt') }}
                onDone={onDone}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

export default function CreditPage({ route, session }: { route: Route; session: Session }) {
  const [objecting, setObjecting] = useState<string | undefined>(undefined);
  const mayRecord = session.roles.some((r) => r === 'case-officer' || r === 'supervisor');
  const uscc = route.path[1] ?? '';
  const key = encodeURIComponent(uscc);
  const state = useLoad(async () => {
    const [entity, profile, history, events] = await Promise.all([
      getJson<Entity>(`/entities/${key}`),
      getJson<Profile>(`/entities/${key}/credit`),
      getJson<History>(`/entities/${key}/credit/history`),
      getAll<TimelineEvent>(`/entities/${key}/credit/timeline`, 2000, 'events'),
    ]);
    return { entity, profile, history, events };
  }, [uscc]);
  return (
    <>
      <p>
        <a href="#/directory">← {t('back')}</a>
      </p>
      <Loading state={state}>
        {({ entity, profile, history, events }) => {
          const requests = events.filter((e) => /Objection|Repair/.test(e.type));
          return (
            <>
              <h1>
                {entity.name} <span class={`badge class-${profile.class}`}>{label('class', profile.class)}</span>
              </h1>
              <p class="mono">
                {uscc} · {entity.industry} · {entity.region}
              </p>
              <section class="card" aria-labelledby="score-h">
                <h2 id="score-h">{t('scoreExplained', { score: profile.score, asOf: profile.asOf })}</h2>
                <p id="credit-score" data-score={profile.score}>
                  {t('scoreLine', { score: profile.score, scoreClass: profile.scoreClass, klass: profile.class })}
                </p>
                {profile.capped === undefined ? null : <p class="warn">{t('cappedBy', { basis: profile.capped.basis })}</p>}
                {profile.override === undefined ? null : (
                  <p class="warn">
                    {t('overriddenTo', { klass: profile.override.class, reason: profile.override.reason, on: profile.override.on })}
                  </p>
                )}
                {profile.factors.length === 0 ? (
                  <p class="muted">{t('noFactors')}</p>
                ) : (
                  <>
                    <Chart
                      label={t('factorChart')}
                      option={{
                        tooltip: { trigger: 'axis' },
                        grid: { left: 160, right: 30, top: 20, bottom: 30 },
                        xAxis: { type: 'value' },
                        yAxis: {
                          type: 'category',
                          data: [t('baseScore'), ...profile.factors.map((f) => `${f.rule} ${f.on}`)],
                          inverse: true,
                        },
                        series: [
                          {
                            type: 'bar',
                            data: [startOf(profile), ...profile.factors.map((f) => f.points)],
                            label: { show: true, position: 'right' },
                          },
                        ],
                      }}
                    />
                    <table id="factor-table">
                      <thead>
                        <tr>
                          <th scope="col">{t('factor')}</th>
                          <th scope="col">{t('basisCol')}</th>
                          <th scope="col">{t('pointsNow')}</th>
                          <th scope="col">{t('decaysUntil')}</th>
                          <th scope="col">{t('objection')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {profile.factors.map((f) => (
                          <tr key={`${f.source.stream}/${f.source.seq}`}>
                            <td>
                              {f.rule} · {f.on} · {f.by === 'platform' ? t('byPlatform') : t('byOtherDepartment')}
                              {f.underObjection ? <span class="badge soon">{t('underObjection')}</span> : null}
                            </td>
                            <td>{f.basis}</td>
                            <td>
                              {f.points} ({t('initially', { n: f.initialPoints })})
                            </td>
                            <td>{f.decay.endsOn}</td>
                            <td>
                              {mayRecord && !f.underObjection ? (
                                <button type="button" class="link" onClick={() => setObjecting(`${f.source.stream}#${f.source.seq}`)}>
                                  {t('recordObjection')}
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    {objecting === undefined ? null : (
                      <NoteForm
                        id="record-objection"
                        title={t('recordObjection')}
                        path={`/entities/${key}/objections`}
                        extra={{ target: { kind: 'factor', stream: objecting.split('#')[0], seq: Number(objecting.split('#')[1]) } }}
                        onDone={() => {
                          setObjecting(undefined);
                          state.reload();
                        }}
                      />
                    )}
                  </>
                )}
              </section>
              <section class="card" aria-labelledby="history-h">
                <h2 id="history-h">{t('classHistory')}</h2>
                {history.changes.length === 0 ? (
                  <p class="muted">{t('neverReclassified')}</p>
                ) : (
                  <>
                    <Chart
                      label={t('classHistory')}
                      option={{
                        tooltip: { trigger: 'axis' },
                        grid: { left: 50, right: 20, top: 20, bottom: 30 },
                        xAxis: { type: 'category', data: history.changes.map((c) => c.asOf) },
                        yAxis: { type: 'value', min: 0, max: 1000 },
                        series: [{ type: 'line', step: 'end', data: history.changes.map((c) => c.score) }],
                      }}
                    />
                    <ul>
                      {history.changes.map((c) => (
                        <li key={c.version}>
                          {c.asOf} · {c.from ?? '—'} → {c.to} · {c.score} · v{c.version}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
              <section class="card" aria-labelledby="lists-h">
                <h2 id="lists-h">{t('listings')}</h2>
                {profile.listings.length === 0 ? (
                  <p class="muted">{t('notListed')}</p>
                ) : (
                  <ul>
                    {profile.listings.map((l) => (
                      <li key={l.listing}>
                        {label('list', l.list)} · {t('since', { on: l.since })}
                        {l.underObjection ? <span class="badge soon">{t('underObjection')}</span> : null}
                      </li>
                    ))}
                  </ul>
                )}
                <h2>{t('objectionsAndRepairs')}</h2>
                {profile.openObjections.length === 0 && requests.length === 0 ? <p class="muted">{t('noRequests')}</p> : null}
                <Objections profile={profile} events={events} session={session} onDone={state.reload} />
                <ul>
                  {requests.map((e) => (
                    <li key={`${e.stream}/${e.recordedAt}`}>
                      {when(e.recordedAt)} · {e.type}
                    </li>
                  ))}
                </ul>
                <p>
                  <a href={`#/credit/${key}/timeline`}>{t('timeline')}</a>
                </p>
              </section>
            </>
          );
        }}
      </Loading>
    </>
  );
}
