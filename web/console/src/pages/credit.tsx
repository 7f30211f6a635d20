import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getAll, getJson, postJson } from '../api.ts';
import { Chart } from '../charts.tsx';
import { label, t } from '../i18n.ts';
import { CREDIT_CLASSES } from '../labels.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { DueBadge, Loading, ProblemNote, useLoad } from '../widgets.tsx';

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

/** A factor's rule in words: its kind, and the rule set it is counted by (`credit-v1/inspection-non-compliant`). */
const ruleName = (rule: string) => {
  const [set = '', kind = rule] = rule.split('/');
  return `${label('factor', kind)}（${set}）`;
};

/** The rules' starting score, from the profile itself: the score less every factor's points (credit-v1 starts at 1000). */
const startOf = (p: Profile) => p.score - p.factors.reduce((sum, f) => sum + f.points, 0);

/** A request on the entity's credit record, as `GET /credit/requests` lists it. */
export interface CreditRequest {
  kind: 'objection' | 'repair' | 'override';
  id: string;
  uscc: string;
  entity?: string;
  status: string;
  on: string;
  reason: string;
  next?: 'accept' | 'decide';
  due?: string;
  provisional?: boolean;
  note?: string;
  closedOn?: string;
  target?: { kind: string };
  caseId?: string;
  regime?: string;
  class?: string;
  computedClass?: string;
  requestedBy?: string;
}

/**
 * A short form that posts one decision: a note, and for a choice (受理 or not, 成立 or not, 准予 or not) one of its
 * options; the page reloads after it. A refusal is said in words below it.
 */
function NoteForm(props: {
  id: string;
  title: string;
  path: string;
  choice?: { key: string; options: [value: unknown, text: string][] };
  noteLabel?: string;
  extra?: object;
  /** Fields of the form besides the note (an override's class, a repair's case). */
  children?: ComponentChildren;
  onDone: () => void;
}) {
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState(0);
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
          const choice = props.choice === undefined ? {} : { [props.choice.key]: props.choice.options[picked]?.[0] };
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
      {/* A choice's legend is its title (said once to a screen reader, shown once). */}
      {props.choice === undefined ? <h3>{props.title}</h3> : null}
      {props.children}
      {props.choice === undefined ? null : (
        <fieldset>
          <legend>{props.title}</legend>
          {props.choice.options.map(([value, text], n) => (
            <label class="check" key={String(value)}>
              <input type="radio" name={`${props.id}-choice`} checked={picked === n} onChange={() => setPicked(n)} /> {text}
            </label>
          ))}
        </fieldset>
      )}
      <div class="field">
        <label for={`${props.id}-note`}>{props.noteLabel ?? (props.choice === undefined ? t('objectionReason') : t('decisionNote'))}</label>
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

const PATHS = { objection: '/objections', repair: '/repairs', override: '/overrides' } as const;

/** The form a request's next step calls for (supervisors): 受理 or not, then the decision; an override by another supervisor. */
function NextStep({ request: r, session, onDone }: { request: CreditRequest; session: Session; onDone: () => void }) {
  if (r.next === undefined || !session.roles.includes('supervisor')) return null;
  const path = `${PATHS[r.kind]}/${encodeURIComponent(r.id)}/${r.next}`;
  const id = `${r.next}-${r.id}`;
  if (r.kind === 'override') {
    if (r.requestedBy === session.sub) return <p class="muted">{t('overrideByOther')}</p>;
    const options: [boolean, string][] = [
      [true, t('approveOverride', { klass: label('class', r.class ?? '') })],
      [false, t('refuseOverride')],
    ];
    return <NoteForm id={id} title={t('decideOverride')} path={path} choice={{ key: 'approve', options }} onDone={onDone} />;
  }
  if (r.next === 'accept') {
    const options: [boolean, string][] = [
      [true, t('acceptIt')],
      [false, t('notAcceptIt')],
    ];
    const title = r.kind === 'objection' ? t('acceptObjection') : t('acceptRepair');
    return <NoteForm id={id} title={title} path={path} choice={{ key: 'accept', options }} onDone={onDone} />;
  }
  if (r.kind === 'objection') {
    const options: [boolean, string][] = [
      [true, t('upheld')],
      [false, t('notUpheld')],
    ];
    return <NoteForm id={id} title={t('decideObjection')} path={path} choice={{ key: 'upheld', options }} onDone={onDone} />;
  }
  const options: [string, string][] = [
    ['grant', t('grantRepair')],
    ['refuse', t('refuseRepair')],
    ...(r.regime === 'ndrc' ? ([['extend', t('extendRepair')]] as [string, string][]) : []),
  ];
  return <NoteForm id={id} title={t('decideRepair')} path={path} choice={{ key: 'outcome', options }} onDone={onDone} />;
}

/** What a request is, in a line: its kind and object, when, where it stands, and by when the next step is due. */
function RequestLine({ request: r }: { request: CreditRequest }) {
  const what =
    r.kind === 'objection'
      ? t('objectionOn', { since: r.on, target: label('objectionTarget', r.target?.kind ?? 'factor') })
      : r.kind === 'repair'
        ? t('repairOf', { on: r.on, caseId: r.caseId ?? '' })
        : t('overrideOf', { on: r.on, from: label('class', r.computedClass ?? ''), to: label('class', r.class ?? '') });
  return (
    <p>
      <b>{label('request', r.kind)}</b> · {what} · <span class="status">{label('request', `${r.kind}.${r.status}`)}</span>{' '}
      {r.next === undefined || r.due === undefined ? null : <DueBadge due={r.due} provisional={r.provisional} />}
      <br />
      <span class="muted">
        {t('requestReason', { text: r.reason })}
        {r.note === undefined ? null : ` · ${t('requestNote', { text: r.note })}`}
      </span>
    </p>
  );
}

/** The entity's objections, repair applications and overrides, each with the form its next step calls for. */
function Requests(props: { requests: CreditRequest[]; session: Session; focus?: string; onDone: () => void }) {
  useEffect(() => {
    if (props.focus === undefined) return;
    const item = document.querySelector(`[data-request="${CSS.escape(props.focus)}"]`);
    item?.scrollIntoView({ block: 'center' });
    item?.querySelector<HTMLElement>('input, textarea')?.focus();
  }, [props.focus, props.requests]);
  if (props.requests.length === 0) return <p class="muted">{t('noRequests')}</p>;
  return (
    <ul id="credit-requests" class="plain">
      {props.requests.map((r) => (
        <li key={r.id} data-request={r.id} data-kind={r.kind} data-status={r.status}>
          <RequestLine request={r} />
          <NextStep request={r} session={props.session} onDone={props.onDone} />
        </li>
      ))}
    </ul>
  );
}

/** An officer asks for a class other than the computed one (人工调整), with the reason written out. */
function OverrideForm({ uscc, current, onDone }: { uscc: string; current: string; onDone: () => void }) {
  const others = CREDIT_CLASSES.filter((c) => c !== current);
  const [klass, setKlass] = useState<string>(others[0] ?? 'A');
  return (
    <NoteForm
      id="request-override"
      title={t('requestOverride')}
      path={`/entities/${encodeURIComponent(uscc)}/credit/override`}
      noteLabel={t('overrideReason')}
      extra={{ class: klass }}
      onDone={onDone}
    >
      <div class="field">
        <label for="override-class">{t('overrideClass')}</label>
        <select id="override-class" value={klass} onChange={(e) => setKlass((e.currentTarget as HTMLSelectElement).value)}>
          {others.map((c) => (
            <option key={c} value={c}>
              {label('class', c)}
            </option>
          ))}
        </select>
      </div>
    </NoteForm>
  );
}

const REPAIR_FIELDS = ['other', 'food', 'drugs', 'special-equipment'] as const;

/** An officer records the entity's application for credit repair of one of the agency's penalty decisions (信用修复). */
function RepairForm({ uscc, cases, onDone }: { uscc: string; cases: string[]; onDone: () => void }) {
  const [caseId, setCaseId] = useState(cases[0] ?? '');
  const [field, setField] = useState<string>('other');
  const [performed, setPerformed] = useState(false);
  const [removed, setRemoved] = useState(false);
  if (cases.length === 0) return <p class="muted">{t('noRepairableCase')}</p>;
  return (
    <NoteForm
      id="apply-repair"
      title={t('applyRepair')}
      path={`/entities/${encodeURIComponent(uscc)}/repairs`}
      noteLabel={t('repairReason')}
      extra={{ caseId, field, obligationsPerformed: performed, harmRemoved: removed }}
      onDone={onDone}
    >
      <div class="field">
        <label for="repair-case">{t('repairCase')}</label>
        <select id="repair-case" value={caseId} onChange={(e) => setCaseId((e.currentTarget as HTMLSelectElement).value)}>
          {cases.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="repair-field">{t('repairField')}</label>
        <select id="repair-field" value={field} onChange={(e) => setField((e.currentTarget as HTMLSelectElement).value)}>
          {REPAIR_FIELDS.map((f) => (
            <option key={f} value={f}>
              {label('repairField', f)}
            </option>
          ))}
        </select>
      </div>
      <label class="check">
        <input type="checkbox" checked={performed} onChange={(e) => setPerformed((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('obligationsPerformed')}
      </label>
      <label class="check">
        <input type="checkbox" checked={removed} onChange={(e) => setRemoved((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('harmRemoved')}
      </label>
    </NoteForm>
  );
}

/** An entity's credit profile: the score explained factor by factor, its history, listings, objections and repairs. */
export default function CreditPage({ route, session }: { route: Route; session: Session }) {
  const [objecting, setObjecting] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState<'override' | 'repair' | undefined>(undefined);
  const mayRecord = session.roles.some((r) => r === 'case-officer' || r === 'supervisor');
  const uscc = route.path[1] ?? '';
  const key = encodeURIComponent(uscc);
  const state = useLoad(async () => {
    const [entity, profile, history, requests] = await Promise.all([
      getJson<Entity>(`/entities/${key}`),
      getJson<Profile>(`/entities/${key}/credit`),
      getJson<History>(`/entities/${key}/credit/history`),
      getAll<CreditRequest>(`/credit/requests?uscc=${key}&status=all`),
    ]);
    return { entity, profile, history, requests };
  }, [uscc]);
  return (
    <>
      <p>
        <a href="#/directory">← {t('back')}</a>
      </p>
      <Loading state={state}>
        {({ entity, profile, history, requests }) => {
          // The agency's own penalty decisions that weigh on the score: what a repair application can name.
          const decisions = profile.factors
            .filter((f) => f.by === 'platform' && f.source.stream.startsWith('case/'))
            .map((f) => f.source.stream.slice('case/'.length));
          const done = () => {
            setOpen(undefined);
            state.reload();
          };
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
                        grid: { left: 10, right: 40, top: 20, bottom: 30, containLabel: true },
                        xAxis: { type: 'value' },
                        yAxis: {
                          type: 'category',
                          data: [t('baseScore'), ...profile.factors.map((f) => `${ruleName(f.rule)} ${f.on}`)],
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
                              {ruleName(f.rule)} · {f.on} · {f.by === 'platform' ? t('byPlatform') : t('byOtherDepartment')}
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
                <Requests requests={requests} session={session} focus={route.query.get('request') ?? undefined} onDone={done} />
                {!mayRecord ? null : (
                  <p class="actions">
                    <button type="button" class="secondary" onClick={() => setOpen(open === 'override' ? undefined : 'override')}>
                      {t('requestOverride')}
                    </button>{' '}
                    <button type="button" class="secondary" onClick={() => setOpen(open === 'repair' ? undefined : 'repair')}>
                      {t('applyRepair')}
                    </button>
                  </p>
                )}
                {open === 'override' ? <OverrideForm uscc={uscc} current={profile.class} onDone={done} /> : null}
                {open === 'repair' ? <RepairForm uscc={uscc} cases={[...new Set(decisions)]} onDone={done} /> : null}
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
