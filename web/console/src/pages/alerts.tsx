import { useState } from 'preact/hooks';
import { getAll, getJson, postJson } from '../api.ts';
import { label, t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { DueBadge, Loading, ProblemNote, useLoad } from '../widgets.tsx';

export interface AlertView {
  alertId: string;
  rule: { id: string; version: number; name: string; why: string; severity: string; role: string };
  subject: { kind: string; id: string };
  region: string;
  entity?: string;
  facts: { stream: string; seq: number; type: string; on: string }[];
  status: string;
  raisedOn: string;
  raisedAt: string;
  disposed?: { on: string; by: string; disposal: { kind: string } & Record<string, unknown> };
  feedback: { from: { kind: string; id: string }; outcome: string; summary: string; on: string }[];
  escalations: { step: string; level: number; to: string; due: string; on: string }[];
  clock: {
    awaiting?: { step: string; due: string; provisional: boolean; overdue: boolean };
    acknowledgeBy: string;
    closeBy: string;
    provisional: boolean;
    overdue: boolean;
    escalationLevel: number;
  };
  allowedSteps: string[];
}

const STATUSES = ['raised', 'acknowledged', 'verified', 'disposed', 'closed', 'dismissed'];

/** The SLA timers of an alert: the step awaited with its due day, the business clock, and the escalation level. */
export function AlertClock({ a }: { a: AlertView }) {
  return (
    <span class="badges">
      {a.clock.awaiting === undefined ? null : <DueBadge due={a.clock.awaiting.due} provisional={a.clock.awaiting.provisional} />}
      {a.clock.escalationLevel > 0 ? <span class="badge overdue">{t('escalated', { n: a.clock.escalationLevel })}</span> : null}
      <span class={`badge sev-${a.rule.severity}`}>{label('alert', a.rule.severity)}</span>
    </span>
  );
}

/** The agency's alerts by status, with their timers; filtered by rule, status, entity and overdue. */
function AlertBoard({ route }: { route: Route }) {
  const query = route.query;
  const [entity, setEntity] = useState(query.get('entity') ?? '');
  const state = useLoad(async () => {
    const filter = new URLSearchParams();
    for (const key of ['status', 'rule', 'entity', 'overdue']) {
      const v = query.get(key);
      if (v) filter.set(key, v);
    }
    const [alerts, rules] = await Promise.all([
      getAll<AlertView>(`/alerts${filter.size > 0 ? `?${filter}` : ''}`, 1000),
      getJson<{ items: { rule: { id: string; name?: string } }[] }>('/alert-rules').then((r) =>
        r.items.map((i) => ({ id: i.rule.id, name: i.rule.name ?? i.rule.id })),
      ),
    ]);
    return { alerts, rules };
  }, [query.toString()]);
  const go = (key: string, value: string) => {
    const next = new URLSearchParams(query);
    value === '' ? next.delete(key) : next.set(key, value);
    location.hash = `#/alerts?${next}`;
  };
  return (
    <>
      <h1>{t('alerts')}</h1>
      <form
        class="filters"
        aria-label={t('searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          go('entity', entity.trim().toUpperCase());
        }}
      >
        <label for="alert-rule">{t('rule')}</label>
        <select id="alert-rule" value={query.get('rule') ?? ''} onChange={(e) => go('rule', (e.currentTarget as HTMLSelectElement).value)}>
          <option value="">{t('allRules')}</option>
          {(state.data?.rules ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
        <label for="alert-status">{t('status')}</label>
        <select
          id="alert-status"
          value={query.get('status') ?? ''}
          onChange={(e) => go('status', (e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t('allStates')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {label('alert', s)}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            id="alert-overdue"
            checked={query.get('overdue') === 'true'}
            onChange={(e) => go('overdue', (e.currentTarget as HTMLInputElement).checked ? 'true' : '')}
          />{' '}
          {t('onlyOverdue')}
        </label>
        <label for="alert-entity">{t('entityCode')}</label>
        <input id="alert-entity" value={entity} onInput={(e) => setEntity((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="secondary">
          {t('searchLabel')}
        </button>
      </form>
      <Loading state={state}>
        {({ alerts }) => {
          if (alerts.length === 0) return <p class="muted">{t('noAlerts')}</p>;
          const columns = STATUSES.filter((s) => alerts.some((a) => a.status === s));
          return (
            <div class="board">
              {columns.map((s) => {
                const inColumn = alerts
                  .filter((a) => a.status === s)
                  .sort((x, y) => (x.clock.awaiting?.due ?? '9999').localeCompare(y.clock.awaiting?.due ?? '9999'));
                return (
                  <section class="column" key={s} aria-labelledby={`acol-${s}`}>
                    <h2 id={`acol-${s}`}>
                      {label('alert', s)} <span class="count">{inColumn.length}</span>
                    </h2>
                    <ul>
                      {inColumn.map((a) => (
                        <li class="case-card" key={a.alertId} data-alert={a.alertId}>
                          <a href={`#/alerts/${encodeURIComponent(a.alertId)}`}>
                            <span class="title">{a.rule.name}</span>
                            <span class="mono">{a.entity ?? a.subject.id}</span>
                            <span class="what">
                              {t('raisedOn', { on: a.raisedOn })} · {a.region}
                            </span>
                            <AlertClock a={a} />
                          </a>
                        </li>
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          );
        }}
      </Loading>
    </>
  );
}

type Disposal = 'targeted-inspection' | 'case-clue' | 'no-action';

/** What the text of a step is: a note, the finding, the feedback, a reason; for a disposal, the clue or the reason. */
function textLabel(step: string, kind: Disposal): string {
  if (step === 'dispose') return kind === 'case-clue' ? t('clueSummary') : t('noActionReason');
  const keys = { acknowledge: 'alertNote', verify: 'alertFinding', close: 'alertFeedback' } as const;
  return t(keys[step as keyof typeof keys] ?? 'alertReason');
}

/** The form of one step; the dispose step chooses its kind, a targeted inspection its inspectors and items. */
function StepForm({ a, step, onDone }: { a: AlertView; step: string; onDone: (next: AlertView) => void }) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<Disposal>('targeted-inspection');
  const [chosen, setChosen] = useState<string[]>([]);
  const [items, setItems] = useState<string[]>([]);
  const [plannedEnd, setPlannedEnd] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const lists = useLoad(
    async () =>
      step === 'dispose'
        ? {
            inspectors: await getAll<{ id: string; name: string; conflicts: string[] }>('/inspectors', 1000),
            items: await getAll<{ code: string; name: string }>('/inspection-items', 500),
          }
        : { inspectors: [], items: [] },
    [step],
  );
  const textField = { acknowledge: 'note', verify: 'finding', close: 'feedback', dismiss: 'reason', reopen: 'reason' }[step];
  const body = () => {
    if (step !== 'dispose') return { [textField ?? 'note']: text };
    if (kind === 'targeted-inspection') return { kind, inspectors: chosen, items, plannedEnd };
    return kind === 'case-clue' ? { kind, summary: text } : { kind, reason: text };
  };
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  return (
    <form
      class="card step"
      id={`step-${step}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          onDone(await postJson<AlertView>(`/alerts/${encodeURIComponent(a.alertId)}/${step}`, body()));
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h3>{label('alertStep', step)}</h3>
      {step === 'dispose' ? (
        <fieldset>
          <legend>{t('disposalKind')}</legend>
          {(['targeted-inspection', 'case-clue', 'no-action'] as const).map((k) => (
            <label key={k} class="check">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {label('disposal', k)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {step === 'dispose' && kind === 'targeted-inspection' ? (
        <Loading state={lists}>
          {({ inspectors, items: catalog }) => (
            <>
              <fieldset class="checks">
                <legend>{t('chooseInspectors')}</legend>
                {inspectors.map((p) => {
                  const conflicted = a.entity !== undefined && p.conflicts.includes(a.entity);
                  return (
                    <label key={p.id}>
                      <input
                        type="checkbox"
                        checked={chosen.includes(p.id)}
                        onChange={(e) => setChosen(toggle(chosen, p.id, (e.currentTarget as HTMLInputElement).checked))}
                      />{' '}
                      {p.name} <span class="mono">{p.id}</span> {conflicted ? <span class="badge overdue">{t('conflicted')}</span> : null}
                    </label>
                  );
                })}
              </fieldset>
              <fieldset class="checks">
                <legend>{t('checkItems')}</legend>
                {catalog.map((i) => (
                  <label key={i.code}>
                    <input
                      type="checkbox"
                      checked={items.includes(i.code)}
                      onChange={(e) => setItems(toggle(items, i.code, (e.currentTarget as HTMLInputElement).checked))}
                    />{' '}
                    {i.name} <span class="mono">{i.code}</span>
                  </label>
                ))}
              </fieldset>
              <div class="field">
                <label for="planned-end">{t('plannedEnd')}</label>
                <input
                  id="planned-end"
                  type="date"
                  required
                  value={plannedEnd}
                  onInput={(e) => setPlannedEnd((e.currentTarget as HTMLInputElement).value)}
                />
              </div>
            </>
          )}
        </Loading>
      ) : (
        <div class="field">
          <label for={`text-${step}`}>{textLabel(step, kind)}</label>
          <textarea
            id={`text-${step}`}
            rows={3}
            required={step !== 'acknowledge'}
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          />
        </div>
      )}
      {error === undefined ? null : <ProblemNote error={error} />}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? t('submitting') : label('alertStep', step)}
      </button>
    </form>
  );
}

/** One alert: why it was raised, its clocks and escalations, what was done and found, and the steps I may take now. */
function AlertPage({ route }: { route: Route }) {
  const id = route.path[1] ?? '';
  const state = useLoad(() => getJson<AlertView>(`/alerts/${encodeURIComponent(id)}`), [id]);
  const [after, setAfter] = useState<AlertView | undefined>(undefined);
  return (
    <>
      <p>
        <a href="#/alerts">← {t('back')}</a>
      </p>
      <Loading state={state}>
        {(loaded) => {
          const a = after ?? loaded;
          return (
            <>
              <h1>
                {a.rule.name} <span class="badge state">{label('alert', a.status)}</span>
              </h1>
              <AlertClock a={a} />
              <dl class="facts">
                <dt>{t('subject')}</dt>
                <dd class="mono">{a.entity ?? a.subject.id}</dd>
                <dt>{t('why')}</dt>
                <dd>{a.rule.why}</dd>
                <dt>{t('raisedAt')}</dt>
                <dd>{when(a.raisedAt)}</dd>
                <dt>{t('acknowledgeBy')}</dt>
                <dd>{a.clock.acknowledgeBy}</dd>
                <dt>{t('closeBy')}</dt>
                <dd>
                  {a.clock.closeBy}
                  {a.clock.provisional ? ` (${t('provisional')})` : ''}
                </dd>
                <dt>{t('ruleVersion')}</dt>
                <dd>
                  {a.rule.id} v{a.rule.version}
                </dd>
              </dl>
              <h2>{t('facts')}</h2>
              <ul>
                {a.facts.map((f) => (
                  <li key={`${f.stream}/${f.seq}`}>
                    {f.on} · {f.type} · <span class="mono">{f.stream}</span>
                  </li>
                ))}
              </ul>
              {a.escalations.length === 0 ? null : (
                <>
                  <h2>{t('escalations')}</h2>
                  <ul>
                    {a.escalations.map((e) => (
                      <li key={`${e.step}-${e.level}`}>
                        {t('escalationLine', { level: e.level, step: label('alertStep', e.step), to: label('role', e.to), on: e.on })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {a.disposed === undefined ? null : (
                <p>{t('disposedAs', { kind: label('disposal', a.disposed.disposal.kind), on: a.disposed.on })}</p>
              )}
              {a.feedback.length === 0 ? null : (
                <>
                  <h2>{t('feedback')}</h2>
                  <ul id="alert-feedback">
                    {a.feedback.map((f) => (
                      <li key={`${f.from.id}-${f.on}`}>
                        {f.on} · {f.outcome} · {f.summary}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <a href={`#/alerts/${encodeURIComponent(a.alertId)}/timeline`}>{t('timeline')}</a>
              </p>
              <h2>{t('stepsNow')}</h2>
              {a.allowedSteps.length === 0 ? <p class="muted">{t('noStepsForMe')}</p> : null}
              {a.allowedSteps.map((s) => (
                <StepForm key={`${a.status}-${s}`} a={a} step={s} onDone={setAfter} />
              ))}
            </>
          );
        }}
      </Loading>
    </>
  );
}

export default function Alerts({ route }: { route: Route; session: Session }) {
  return route.path[1] === undefined ? <AlertBoard route={route} /> : <AlertPage route={route} />;
}
