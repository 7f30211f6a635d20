import { useEffect, useState } from 'preact/hooks';
import { getAll, getJson, postJson } from '../api.ts';
import { sampleSize } from '../draw.ts';
import { label, t } from '../i18n.ts';
import { CREDIT_CLASSES } from '../labels.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, ProblemNote, useLoad } from '../widgets.tsx';

type ClassName = (typeof CREDIT_CLASSES)[number];

export interface TaskView {
  id: string;
  name: string;
  items: string[];
  ownerAgency: string;
  jurisdiction: string;
  partnerAgencies: string[];
  population: { industry?: string; regionPrefix?: string; flags?: string[] };
  ratesBp: Record<ClassName, number>;
  teams: { agency: string; count: number }[];
  maxAssignmentsPerInspector?: number;
  period: { start: string; end: string };
  commitment: string;
  status: 'planned' | 'drawn';
  createdAt: string;
  acceptedBy?: string[];
  overdue?: { dueBy: string };
  draw?: {
    witness: string;
    seed: string;
    drawnAt: string;
    strata: { name: string; size: number; k: number; rateBp: number }[];
    selectedCount: number;
    shortfallCount: number;
  };
}
interface Item {
  code: string;
  name: string;
}

/** The status of a task in words: planned, waiting for partners, drawn, results overdue. */
export function TaskStatus({ task }: { task: TaskView }) {
  if (task.overdue !== undefined) return <span class="badge overdue">{t('resultsOverdue', { date: task.overdue.dueBy })}</span>;
  if (task.status === 'drawn') return <span class="badge later">{t('taskDrawn')}</span>;
  const waiting = task.partnerAgencies.filter((p) => !(task.acceptedBy ?? []).includes(p));
  return <span class="badge soon">{waiting.length > 0 ? t('waitingPartners', { n: waiting.length }) : t('taskPlanned')}</span>;
}

/** The agency's tasks, newest first. */
function TaskList() {
  const state = useLoad(() => getAll<TaskView>('/sampling-tasks', 500), []);
  return (
    <>
      <div class="toolbar">
        <h1>{t('sampling')}</h1>
        <a class="button primary" href="#/sampling/new">
          {t('newTask')}
        </a>
      </div>
      <Loading state={state}>
        {(tasks) =>
          tasks.length === 0 ? (
            <p class="muted">{t('noTasks')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('taskName')}</th>
                    <th scope="col">{t('period')}</th>
                    <th scope="col">{t('partners')}</th>
                    <th scope="col">{t('drawnCount')}</th>
                    <th scope="col">{t('status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tasks.map((task) => (
                    <tr key={task.id} data-task={task.id}>
                      <td>
                        <a href={`#/sampling/${encodeURIComponent(task.id)}`}>{task.name}</a>
                      </td>
                      <td>
                        {task.period.start} – {task.period.end}
                      </td>
                      <td>{task.partnerAgencies.join('、') || '—'}</td>
                      <td>{task.draw?.selectedCount ?? '—'}</td>
                      <td>
                        <TaskStatus task={task} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loading>
    </>
  );
}

interface Plan {
  name: string;
  items: string[];
  start: string;
  end: string;
  industry: string;
  regionPrefix: string;
  rates: Record<ClassName, number>;
  teams: { agency: string; count: number }[];
  partners: string;
  maxPerInspector: string;
}
const DRAFT = 'console.samplingDraft';
const STEPS = ['wizItems', 'wizPopulation', 'wizRates', 'wizTeams', 'wizConfirm'] as const;

const newPlan = (session: Session): Plan => ({
  name: '',
  items: [],
  start: '',
  end: '',
  industry: '',
  regionPrefix: session.jurisdiction.slice(0, 4),
  rates: { A: 500, B: 1500, C: 4000, D: 8000 },
  teams: [{ agency: session.agency, count: 2 }],
  partners: '',
  maxPerInspector: '',
});

/** The live size of each credit class under the population filter, as the draw would class them (the credit context's class, else the national one). */
function useClassSizes(industry: string, regionPrefix: string) {
  const [sizes, setSizes] = useState<{ classes: Record<ClassName, number>; total: number } | 'loading' | undefined>(undefined);
  useEffect(() => {
    const query = new URLSearchParams();
    if (/^\d{2,6}$/.test(regionPrefix)) query.set('region', regionPrefix);
    if (/^[A-T](\d{2,4})?$/.test(industry)) query.set('industry', industry);
    setSizes('loading');
    const timer = setTimeout(() => {
      getJson<{ classes: Record<ClassName, number>; total: number }>(`/credit/distribution?${query}`).then(setSizes, () =>
        setSizes(undefined),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [industry, regionPrefix]);
  return sizes;
}

/** The task wizard: items and period, population with its live size per class, rates, teams and partners, then a check. */
function Wizard({ session }: { session: Session }) {
  const [plan, setPlan] = useState<Plan>(() => ({ ...newPlan(session), ...JSON.parse(sessionStorage.getItem(DRAFT) ?? '{}') }));
  const [step, setStep] = useState(0);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const items = useLoad(() => getAll<Item>('/inspection-items', 500), []);
  const inspectors = useLoad(() => getAll<{ id: string; agency: string }>('/inspectors', 1000), []);
  const sizes = useClassSizes(plan.industry, plan.regionPrefix);
  const update = (next: Partial<Plan>) => {
    const merged = { ...plan, ...next };
    setPlan(merged);
    sessionStorage.setItem(DRAFT, JSON.stringify(merged));
  };
  const input = (
    key: 'name' | 'start' | 'end' | 'industry' | 'regionPrefix' | 'partners' | 'maxPerInspector',
    type: 'text' | 'date' | 'number' = 'text',
  ) => (
    <div class="field">
      <label for={`plan-${key}`}>{t(`plan_${key}` as const)}</label>
      <input
        id={`plan-${key}`}
        type={type as 'text'}
        value={plan[key]}
        onInput={(e) => update({ [key]: (e.currentTarget as HTMLInputElement).value })}
      />
    </div>
  );
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const partners = plan.partners
        .split(/[,，、\s]+/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const task = await postJson<TaskView>('/sampling-tasks', {
        name: plan.name,
        items: plan.items,
        population: {
          ...(plan.industry === '' ? {} : { industry: plan.industry }),
          ...(plan.regionPrefix === '' ? {} : { regionPrefix: plan.regionPrefix }),
        },
        partnerAgencies: partners,
        ratesBp: plan.rates,
        teams: plan.teams,
        ...(plan.maxPerInspector === '' ? {} : { maxAssignmentsPerInspector: Number(plan.maxPerInspector) }),
        period: { start: plan.start, end: plan.end },
      });
      sessionStorage.removeItem(DRAFT);
      location.hash = `#/sampling/${encodeURIComponent(task.id)}`;
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const classRows = CREDIT_CLASSES.map((c): ClassRow => {
    const size = typeof sizes === 'object' ? sizes.classes[c] : undefined;
    return { name: c, rateBp: plan.rates[c], ...(size === undefined ? {} : { size, k: sampleSize(size, plan.rates[c]) }) };
  });
  const sections = [
    <fieldset key="items">
      <legend>{t('wizItems')}</legend>
      {input('name')}
      <Loading state={items}>
        {(list) =>
          list.length === 0 ? (
            <p class="warn">{t('noItems')}</p>
          ) : (
            <fieldset class="checks">
              <legend>{t('checkItems')}</legend>
              {list.map((item) => (
                <label key={item.code}>
                  <input
                    type="checkbox"
                    checked={plan.items.includes(item.code)}
                    onChange={(e) =>
                      update({
                        items: (e.currentTarget as HTMLInputElement).checked
                          ? [...plan.items, item.code]
                          : plan.items.filter((c) => c !== item.code),
                      })
                    }
                  />{' '}
                  {item.name} <span class="mono">{item.code}</span>
                </label>
              ))}
            </fieldset>
          )
        }
      </Loading>
      {input('start', 'date')}
      {input('end', 'date')}
    </fieldset>,
    <fieldset key="population">
      <legend>{t('wizPopulation')}</legend>
      {input('industry')}
      {input('regionPrefix')}
      <p class="muted">{t('liveSizeHint')}</p>
      <ClassTable rows={classRows} busy={sizes === 'loading'} />
    </fieldset>,
    <fieldset key="rates">
      <legend>{t('wizRates')}</legend>
      <p class="muted">{t('ratesHint')}</p>
      {CREDIT_CLASSES.map((c) => (
        <div class="field inline" key={c}>
          <label for={`rate-${c}`}>{t('rateOf', { c })}</label>
          <input
            id={`rate-${c}`}
            type="number"
            min={0}
            max={100}
            step={0.01}
            value={plan.rates[c] / 100}
            onInput={(e) =>
              update({ rates: { ...plan.rates, [c]: Math.round(Number((e.currentTarget as HTMLInputElement).value) * 100) } })
            }
          />
          <span>%</span>
        </div>
      ))}
      <ClassTable rows={classRows} busy={sizes === 'loading'} />
    </fieldset>,
    <fieldset key="teams">
      <legend>{t('wizTeams')}</legend>
      <p class="muted">{t('teamsHint')}</p>
      {plan.teams.map((team, i) => (
        <div class="field inline" key={`team-${i.toString()}`}>
          <label for={`team-agency-${i}`}>{t('teamAgency', { n: i + 1 })}</label>
          <input
            id={`team-agency-${i}`}
            value={team.agency}
            onInput={(e) =>
              update({
                teams: plan.teams.map((x, j) => (j === i ? { ...x, agency: (e.currentTarget as HTMLInputElement).value.trim() } : x)),
              })
            }
          />
          <label for={`team-count-${i}`}>{t('teamCount')}</label>
          <input
            id={`team-count-${i}`}
            type="number"
            min={1}
            max={10}
            value={team.count}
            onInput={(e) =>
              update({
                teams: plan.teams.map((x, j) => (j === i ? { ...x, count: Number((e.currentTarget as HTMLInputElement).value) } : x)),
              })
            }
          />
          <span class="muted">{t('inspectorsOf', { n: (inspectors.data ?? []).filter((p) => p.agency === team.agency).length })}</span>
          {plan.teams.length > 1 ? (
            <button type="button" class="link" onClick={() => update({ teams: plan.teams.filter((_, j) => j !== i) })}>
              {t('remove')}
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" class="secondary" onClick={() => update({ teams: [...plan.teams, { agency: '', count: 1 }] })}>
        {t('addTeam')}
      </button>
      {input('partners')}
      <p class="muted">{t('partnersHint')}</p>
      {input('maxPerInspector', 'number')}
    </fieldset>,
    <fieldset key="confirm">
      <legend>{t('wizConfirm')}</legend>
      <dl class="facts">
        <dt>{t('taskName')}</dt>
        <dd>{plan.name || '—'}</dd>
        <dt>{t('checkItems')}</dt>
        <dd>{plan.items.join('、') || '—'}</dd>
        <dt>{t('period')}</dt>
        <dd>
          {plan.start} – {plan.end}
        </dd>
        <dt>{t('populationFilter')}</dt>
        <dd>
          {plan.industry || t('anyIndustry')} · {plan.regionPrefix || t('anyRegion')}
        </dd>
        <dt>{t('teams')}</dt>
        <dd>{plan.teams.map((x) => `${x.agency} × ${x.count}`).join('、')}</dd>
        <dt>{t('partners')}</dt>
        <dd>{plan.partners || '—'}</dd>
      </dl>
      <ClassTable rows={classRows} busy={sizes === 'loading'} />
    </fieldset>,
  ];
  return (
    <>
      <p>
        <a href="#/sampling">← {t('back')}</a>
      </p>
      <h1>{t('newTask')}</h1>
      <ol class="stepper" aria-label={t('newTask')}>
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            <button type="button" class="link" onClick={() => setStep(i)}>
              {i + 1}. {t(s)}
            </button>
          </li>
        ))}
      </ol>
      <form
        class="card wizard"
        onSubmit={(e) => {
          e.preventDefault();
          if (step < STEPS.length - 1) setStep(step + 1);
          else void create();
        }}
      >
        {sections[step]}
        {error === undefined ? null : <ProblemNote error={error} />}
        <div class="toolbar">
          {step > 0 ? (
            <button type="button" class="secondary" onClick={() => setStep(step - 1)}>
              {t('previous')}
            </button>
          ) : null}
          <button type="submit" class="primary" disabled={busy} id={step === STEPS.length - 1 ? 'create-task' : 'next'}>
            {step < STEPS.length - 1 ? t('next') : busy ? t('submitting') : t('createTask')}
          </button>
        </div>
      </form>
    </>
  );
}

export interface ClassRow {
  name: string;
  /** Undefined while it loads. */
  size?: number;
  rateBp: number;
  /** The sample: computed from the size and rate for a plan, as drawn for a draw; the column is left out when absent. */
  k?: number;
}

/** Per credit class: its size, its rate and (for a plan or a draw) the sample it gives; no class is exempt. */
export function ClassTable({ rows, busy = false, sample = true }: { rows: ClassRow[]; busy?: boolean; sample?: boolean }) {
  return (
    <table class="class-sizes" aria-busy={busy}>
      <thead>
        <tr>
          <th scope="col">{t('creditClass')}</th>
          <th scope="col">{t('populationSize')}</th>
          <th scope="col">{t('rate')}</th>
          {sample ? <th scope="col">{t('sampleSize')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} data-class={r.name}>
            <th scope="row">{label('class', r.name)}</th>
            <td class="size">{r.size ?? '…'}</td>
            <td>{r.rateBp / 100}%</td>
            {sample ? <td>{r.k ?? '…'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function SamplingPage({ route, session }: { route: Route; session: Session }) {
  return route.path[1] === 'new' ? <Wizard session={session} /> : <TaskList />;
}
