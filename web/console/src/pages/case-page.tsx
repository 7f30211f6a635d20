import { useState } from 'preact/hooks';
import { ApiProblem, getJson, postJson, uploadCasePhoto } from '../api.ts';
import { type CaseView, caseSteps, mayGive, type StepSpec } from '../case-steps.ts';
import { label, t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import { dropDraft, PhotoUpload, SchemaForm } from '../schema-form.tsx';
import type { Session } from '../session.ts';
import { DeadlineBadge, DueBadge, Loading, ProblemNote, useLoad } from '../widgets.tsx';

const invalidFields = (error: unknown) =>
  new Set(
    error instanceof ApiProblem && Array.isArray(error.body.errors) ? (error.body.errors as { field: string }[]).map((e) => e.field) : [],
  );

/** One step's form: its legal basis, the body's fields, and the API's answer in words. */
function StepForm(props: { caseId: string; step: string; spec: StepSpec; view: CaseView; open: boolean; onDone: (v: CaseView) => void }) {
  const { caseId, step, spec, view } = props;
  const [busy, setBusy] = useState(false);
  // A step the case still allows after it is given (another measure) opens empty again.
  const [round, setRound] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const draftKey = `console.draft:${caseId}:${step}`;
  const measures = (view.measures ?? []).map((m) => ({
    value: m.measureId,
    text: `${label('option', m.kind)} · ${m.measureId.slice(0, 8)} (${label('measure', m.state)})`,
  }));
  return (
    <details class="step" open={props.open} data-step={step}>
      <summary>{label('step', step)}</summary>
      <p class="muted">{t('basis', { basis: spec.basis })}</p>
      {error === undefined ? null : <ProblemNote error={error} />}
      <PhotoUpload.Provider value={(file) => uploadCasePhoto(caseId, file)}>
        <SchemaForm
          key={round}
          id={`form-${step}`}
          schema={spec.body}
          draftKey={draftKey}
          choices={measures.length > 0 ? { measureId: measures } : {}}
          invalid={invalidFields(error)}
          busy={busy}
          submitText={label('step', step)}
          onSubmit={async (body) => {
            setBusy(true);
            setError(undefined);
            try {
              const next = await postJson<CaseView>(`/cases/${encodeURIComponent(caseId)}/${step}`, body);
              dropDraft(draftKey);
              setRound((n) => n + 1);
              props.onDone(next);
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        />
      </PhotoUpload.Provider>
    </details>
  );
}

function Facts({ view }: { view: CaseView }) {
  const rows: [string, string][] = [
    [t('status'), label('state', view.status)],
    [t('party'), view.party.name],
    [t('entity'), view.entity],
    [t('summary'), view.summary],
    [t('source'), `${label('source', view.source.kind)} ${view.source.ref}`],
    [t('clueOn'), view.clueOn],
  ];
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A case: its facts, deadlines and measures, and the form of each step this person may take now. */
export default function CasePage({ route, session }: { route: Route; session: Session }) {
  const caseId = route.path[1] ?? '';
  const wanted = route.query.get('step') ?? undefined;
  const [done, setDone] = useState<{ step: string; view: CaseView } | undefined>(undefined);
  const state = useLoad(
    async () => ({ steps: await caseSteps(), view: await getJson<CaseView>(`/cases/${encodeURIComponent(caseId)}`) }),
    [caseId],
  );
  return (
    <Loading state={state}>
      {({ steps, view: loaded }) => {
        const view = done?.view ?? loaded;
        const mine = view.allowed.filter((s) => mayGive(steps.steps[s], session));
        // The step an item of "my work" links to opens first; after a step, the next one the case waits for.
        const first = done === undefined && wanted !== undefined && mine.includes(wanted) ? wanted : mine[0];
        return (
          <>
            <p>
              <a href="#/cases">← {t('cases')}</a>
            </p>
            <h1>
              {view.party.name} <span class="badge state">{label('state', view.status)}</span>
            </h1>
            {done === undefined ? null : (
              <p class="ok" role="status">
                {t('done', { step: label('step', done.step) })}
              </p>
            )}
            <div class="columns">
              <section class="card" aria-labelledby="facts-h">
                <h2 id="facts-h">{t('summary')}</h2>
                <Facts view={view} />
                <p>
                  <a href={`#/cases/${encodeURIComponent(caseId)}/timeline`}>{t('timeline')} →</a>
                </p>
              </section>
              <section class="card" aria-labelledby="deadlines-h">
                <h2 id="deadlines-h">{t('deadlines')}</h2>
                <ul class="plain">
                  {view.deadlines.map((d) => (
                    <li key={d.name} class={d.running ? '' : 'muted'} data-deadline={d.name}>
                      <DeadlineBadge deadline={d} />
                    </li>
                  ))}
                </ul>
                {(view.measures ?? []).length === 0 ? null : (
                  <>
                    <h2>{t('measures')}</h2>
                    <ul class="plain">
                      {(view.measures ?? []).map((m) => (
                        <li key={m.measureId}>
                          {label('option', m.kind)} · {label('measure', m.state)} · {(m.items ?? []).map((i) => i.name).join('、')}{' '}
                          {m.due === undefined ? null : <DueBadge due={m.due} />}
                          {m.approvalDueAt === undefined ? null : (
                            <span class="badge soon">{t('approvalDue', { at: when(m.approvalDueAt) })}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
            </div>
            <section class="card" aria-labelledby="steps-h">
              <h2 id="steps-h">{t('stepsNow')}</h2>
              {mine.length === 0 ? <p class="muted">{t('noStepsForMe')}</p> : null}
              {mine.map((step) => {
                const spec = steps.steps[step];
                return spec === undefined ? null : (
                  <StepForm
                    key={`${step}:${view.status}`}
                    caseId={caseId}
                    step={step}
                    spec={spec}
                    view={view}
                    open={step === first}
                    onDone={(next) => setDone({ step, view: next })}
                  />
                );
              })}
            </section>
          </>
        );
      }}
    </Loading>
  );
}
