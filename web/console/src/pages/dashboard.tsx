import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api.ts';
import { chinaToday } from '../case-steps.ts';
import { Chart } from '../charts.tsx';
import { label, t } from '../i18n.ts';
import { CREDIT_CLASSES } from '../labels.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, useLoad } from '../widgets.tsx';

interface Targets {
  targets: { itemCoverage: number; jointTaskShare: number; mobileShare: number; publicationWorkingDays: number };
  sources: string[];
}
interface SamplingFigures {
  tasks: number;
  jointTasks: number;
  jointTaskShare: number;
  itemsOwned: number;
  itemsCovered: number;
  itemCoverage: number;
  drawnTasks: number;
  publicationOverdue: number;
  publicationOnTimeShare: number;
}
interface MobileFigures {
  completedOnSite: number;
  onMobileForm: number;
  mobileShare: number;
}
interface CaseFigures {
  measures: { taken: number; overdueNow: number; inForceNow: number };
  decisions: { decided: number; onTime: number; medianDaysFromRegistration: number | null; finesDecided: number };
  enforcement: { fineCollected: number; surchargeCollected: number };
}
interface AlertFigures {
  raised: number;
  closedOnTime: number;
  closedOnTimeRate: number | null;
  acknowledgedOnTimeRate: number | null;
  overdueNow: number;
}
interface Figures {
  targets: Targets;
  sampling: SamplingFigures;
  mobile: MobileFigures;
  cases: { total: CaseFigures; regions: ({ region: string } & CaseFigures)[] };
  alerts: { total: AlertFigures; byRegion: ({ region: string } & AlertFigures)[] };
  credit: { total: number; classes: Record<string, number> };
}

/** The first and last day of a month (`2026-12` → 2026-12-01, 2026-12-31). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
const previousMonths = (month: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });

const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
const yuan = (v: number) => `¥${v.toLocaleString('zh-CN')}`;

/** What the figures are of: a month, a region (or all), and an agency (an auditor's choice; by default the caller's). */
interface Scope {
  month: string;
  region: string;
  agency: string;
}
const scopeQuery = (scope: Scope) =>
  `${scope.region !== '' ? `&region=${scope.region}` : ''}${scope.agency === '' ? '' : `&agency=${encodeURIComponent(scope.agency)}`}`;

/** The records behind a figure: the same month, region and agency, as a list page's query. */
const recordsOf = (scope: Scope) => {
  const { from, to } = monthRange(scope.month);
  return new URLSearchParams({
    from,
    to,
    ...(scope.region === '' ? {} : { region: scope.region }),
    ...(scope.agency === '' ? {} : { agency: scope.agency }),
  }).toString();
};

async function loadFigures(scope: Scope, session: Session): Promise<Figures> {
  const { from, to } = monthRange(scope.month);
  const period = `from=${from}&to=${to}`;
  const { region } = scope;
  // The targets of the region drilled into, else of the agency's own division (its code ends with it), else the caller's.
  const jurisdiction = region.length >= 2 ? region : (/\d{2,6}$/.exec(scope.agency)?.[0] ?? session.jurisdiction);
  const [targets, sampling, mobile, cases, alerts, credit] = await Promise.all([
    getJson<Targets>(`/supervision-targets?year=${scope.month.slice(0, 4)}&jurisdiction=${jurisdiction}`),
    getJson<SamplingFigures>(`/sampling-metrics?${period}${scopeQuery(scope)}`),
    getJson<MobileFigures>(`/inspection-metrics?${period}${scopeQuery(scope)}`),
    getJson<Figures['cases']>(`/case-metrics?${period}${scopeQuery(scope)}`),
    getJson<Figures['alerts']>(`/alert-metrics?${period}${scopeQuery(scope)}`),
    getJson<Figures['credit']>(`/credit/distribution?${scopeQuery({ ...scope, region: region.length >= 2 ? region : '' }).slice(1)}`),
  ]);
  return { targets, sampling, mobile, cases, alerts, credit };
}

async function loadTrend(scope: Scope) {
  const months = previousMonths(scope.month, 6);
  const rows = await Promise.all(
    months.map(async (m) => {
      const { from, to } = monthRange(m);
      const period = `from=${from}&to=${to}`;
      const [s, i, c, a] = await Promise.all([
        getJson<SamplingFigures>(`/sampling-metrics?${period}${scopeQuery(scope)}`),
        getJson<MobileFigures>(`/inspection-metrics?${period}${scopeQuery(scope)}`),
        getJson<Figures['cases']>(`/case-metrics?${period}${scopeQuery(scope)}`),
        getJson<Figures['alerts']>(`/alert-metrics?${period}${scopeQuery(scope)}`),
      ]);
      return { month: m, sampling: s, mobile: i, cases: c.total, alerts: a.total };
    }),
  );
  return rows;
}

/** One figure against its target: met or missed, with the records behind it one click away. */
function Kpi(props: {
  id: string;
  name: string;
  value: number;
  shown: string;
  target?: string;
  met?: boolean;
  /** Nothing happened to measure (no task, no inspection): shown as such, neither met nor missed. */
  empty?: boolean;
  detail: string;
  href: string;
}) {
  const tone = props.met === undefined || props.empty ? '' : props.met ? ' met' : ' missed';
  return (
    <a class={`kpi${tone}`} id={`kpi-${props.id}`} data-value={props.value} href={props.href}>
      <span class="name">{props.name}</span>
      <span class="value">{props.empty ? '—' : props.shown}</span>
      {props.target === undefined ? null : (
        <span class="target">
          {t('target', { target: props.target })} · {props.empty ? t('noData') : props.met ? t('targetMet') : t('targetMissed')}
        </span>
      )}
      <span class="muted">{props.detail}</span>
    </a>
  );
}

function TargetCards({ f, scope }: { f: Figures; scope: Scope }) {
  const goal = f.targets.targets;
  return (
    <section aria-labelledby="targets-h">
      <h2 id="targets-h">{t('againstTargets')}</h2>
      <div class="kpis">
        <Kpi
          id="coverage"
          name={t('itemCoverage')}
          value={f.sampling.itemCoverage}
          shown={percent(f.sampling.itemCoverage)}
          target={percent(goal.itemCoverage)}
          met={f.sampling.itemCoverage >= goal.itemCoverage}
          empty={f.sampling.itemsOwned === 0}
          detail={t('itemsCovered', { covered: f.sampling.itemsCovered, owned: f.sampling.itemsOwned })}
          href="#/sampling"
        />
        <Kpi
          id="joint"
          name={t('jointShare')}
          value={f.sampling.jointTaskShare}
          shown={percent(f.sampling.jointTaskShare)}
          target={`≥ ${percent(goal.jointTaskShare)}`}
          met={f.sampling.jointTaskShare >= goal.jointTaskShare}
          empty={f.sampling.tasks === 0}
          detail={t('jointTasks', { joint: f.sampling.jointTasks, tasks: f.sampling.tasks })}
          href="#/sampling"
        />
        <Kpi
          id="mobile"
          name={t('mobileShare')}
          value={f.mobile.mobileShare}
          shown={percent(f.mobile.mobileShare)}
          target={`≥ ${percent(goal.mobileShare)}`}
          met={f.mobile.mobileShare >= goal.mobileShare}
          empty={f.mobile.completedOnSite === 0}
          detail={t('onMobile', { mobile: f.mobile.onMobileForm, all: f.mobile.completedOnSite })}
          href={`#/inspections?${recordsOf(scope)}`}
        />
        <Kpi
          id="publication"
          name={t('publishedOnTime', { n: goal.publicationWorkingDays })}
          value={f.sampling.publicationOnTimeShare}
          shown={percent(f.sampling.publicationOnTimeShare)}
          target="100%"
          met={f.sampling.publicationOverdue === 0}
          empty={f.sampling.drawnTasks === 0}
          detail={t('publicationLate', { late: f.sampling.publicationOverdue, drawn: f.sampling.drawnTasks })}
          href="#/sampling"
        />
      </div>
      <p class="muted">{t('targetsFrom', { sources: f.targets.sources.map((x) => (x === 'seeds' ? t('seedTargets') : x)).join(' → ') })}</p>
    </section>
  );
}

function OtherCards({ f }: { f: Figures }) {
  const d = f.cases.total.decisions;
  const m = f.cases.total.measures;
  const e = f.cases.total.enforcement;
  return (
    <section aria-labelledby="figures-h">
      <h2 id="figures-h">{t('otherFigures')}</h2>
      <div class="kpis">
        <Kpi
          id="decided-on-time"
          name={t('decisionsOnTime')}
          value={d.onTime}
          shown={`${d.onTime} / ${d.decided}`}
          detail={t('medianDays', { n: d.medianDaysFromRegistration ?? '—' })}
          href="#/cases?status=decided"
        />
        <Kpi
          id="alerts-on-time"
          name={t('alertsClosedOnTime')}
          value={f.alerts.total.closedOnTimeRate ?? -1}
          shown={percent(f.alerts.total.closedOnTimeRate)}
          detail={t('alertsRaised', { raised: f.alerts.total.raised, overdue: f.alerts.total.overdueNow })}
          href="#/alerts"
        />
        <Kpi
          id="measures"
          name={t('coerciveMeasures')}
          value={m.taken}
          shown={String(m.taken)}
          detail={t('measuresNow', { inForce: m.inForceNow, overdue: m.overdueNow })}
          href="#/cases"
        />
        <Kpi
          id="fines"
          name={t('finesCollected')}
          value={e.fineCollected}
          shown={yuan(e.fineCollected)}
          detail={t('finesDecided', { decided: yuan(d.finesDecided), surcharge: yuan(e.surchargeCollected) })}
          href="#/cases?status=decided"
        />
      </div>
    </section>
  );
}

function Distribution({ f }: { f: Figures }) {
  const data = CREDIT_CLASSES.map((c) => ({ name: label('class', c), value: f.credit.classes[c] ?? 0, c }));
  return (
    <section class="card" aria-labelledby="classes-h">
      <h2 id="classes-h">{t('classDistribution', { n: f.credit.total })}</h2>
      <div class="chart-and-table">
        <Chart
          label={t('classDistribution', { n: f.credit.total })}
          option={{
            tooltip: { trigger: 'item' },
            color: ['#1c6b2f', '#4f7fb8', '#d08a00', '#a8201a'],
            series: [
              {
                type: 'pie',
                radius: ['40%', '70%'],
                data,
                label: { formatter: (p: { name: string; value: number }) => `${p.name.split('（')[0]}: ${p.value}` },
              },
            ],
          }}
          onPick={(name) => {
            const picked = data.find((d) => d.name === name);
            if (picked !== undefined) location.hash = `#/directory?class=${picked.c}`;
          }}
        />
        <table id="class-table">
          <tbody>
            {data.map((d) => (
              <tr key={d.c} data-class={d.c}>
                <th scope="row">
                  <a href={`#/directory?class=${d.c}`}>{d.name}</a>
                </th>
                <td>{d.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Per region: cases decided and alerts raised; a click on a region drills into it. */
function Regions({ f, go }: { f: Figures; go: (region: string) => void }) {
  const regions = [...new Set([...f.cases.regions.map((r) => r.region), ...f.alerts.byRegion.map((r) => r.region)])].sort();
  if (regions.length === 0) return null;
  const decided = (r: string) => f.cases.regions.find((x) => x.region === r)?.decisions.decided ?? 0;
  const raised = (r: string) => f.alerts.byRegion.find((x) => x.region === r)?.raised ?? 0;
  return (
    <section class="card" aria-labelledby="regions-h">
      <h2 id="regions-h">{t('byRegion')}</h2>
      <Chart
        label={t('byRegion')}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { top: 0 },
          grid: { left: 40, right: 20, bottom: 30, top: 40 },
          xAxis: { type: 'category', data: regions },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { name: t('decided'), type: 'bar', data: regions.map(decided) },
            { name: t('alertsRaisedShort'), type: 'bar', data: regions.map(raised) },
          ],
        }}
        onPick={go}
      />
      <table id="region-table">
        <thead>
          <tr>
            <th scope="col">{t('region')}</th>
            <th scope="col">{t('decided')}</th>
            <th scope="col">{t('alertsRaisedShort')}</th>
          </tr>
        </thead>
        <tbody>
          {regions.map((r) => (
            <tr key={r}>
              <th scope="row">
                <button type="button" class="link" onClick={() => go(r)}>
                  {r}
                </button>
              </th>
              <td>{decided(r)}</td>
              <td>{raised(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Trends({ scope }: { scope: Scope }) {
  const state = useLoad(() => loadTrend(scope), [scope.month, scope.region, scope.agency]);
  return (
    <section class="card" aria-labelledby="trend-h">
      <h2 id="trend-h">{t('trends')}</h2>
      <Loading state={state}>
        {(rows) => (
          <>
            <Chart
              label={t('trendShares')}
              option={{
                tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => percent(Number(v)) },
                legend: { top: 0 },
                grid: { left: 50, right: 20, bottom: 30, top: 40 },
                xAxis: { type: 'category', data: rows.map((r) => r.month) },
                yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
                series: [
                  { name: t('itemCoverage'), type: 'line', data: rows.map((r) => r.sampling.itemCoverage) },
                  { name: t('jointShare'), type: 'line', data: rows.map((r) => r.sampling.jointTaskShare) },
                  { name: t('mobileShare'), type: 'line', data: rows.map((r) => r.mobile.mobileShare) },
                  { name: t('alertsClosedOnTime'), type: 'line', data: rows.map((r) => r.alerts.closedOnTimeRate) },
                ],
              }}
            />
            <Chart
              label={t('trendCounts')}
              option={{
                tooltip: { trigger: 'axis' },
                legend: { top: 0 },
                grid: { left: 40, right: 20, bottom: 30, top: 40 },
                xAxis: { type: 'category', data: rows.map((r) => r.month) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [
                  { name: t('decided'), type: 'bar', data: rows.map((r) => r.cases.decisions.decided) },
                  { name: t('coerciveMeasures'), type: 'bar', data: rows.map((r) => r.cases.measures.taken) },
                  { name: t('alertsRaisedShort'), type: 'bar', data: rows.map((r) => r.alerts.raised) },
                ],
              }}
            />
          </>
        )}
      </Loading>
    </section>
  );
}

/**
 * A text field whose text is the user's while they type (a page drawn again meanwhile keeps it) and is committed
 * on change (Enter or leaving the field); it follows the committed value when that changes.
 */
function DraftInput(props: { id: string; value: string; placeholder: string; inputMode?: 'numeric'; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(props.value);
  useEffect(() => setDraft(props.value), [props.value]);
  return (
    <input
      id={props.id}
      inputMode={props.inputMode}
      placeholder={props.placeholder}
      value={draft}
      onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
      onChange={(e) => props.onCommit((e.currentTarget as HTMLInputElement).value.trim())}
    />
  );
}

/** 监管数据分析: a month of one agency (and region) against its targets, with trends, a region drill-down and a print view. */
export default function Dashboard({ route, session }: { route: Route; session: Session }) {
  const month = /^\d{4}-\d{2}$/.test(route.query.get('month') ?? '') ? (route.query.get('month') as string) : chinaToday().slice(0, 7);
  const region = /^\d{1,6}$/.test(route.query.get('region') ?? '') ? (route.query.get('region') as string) : '';
  // An auditor reads the agencies of the jurisdiction: the one chosen here (the API counts what is inside the jurisdiction).
  const auditor = session.roles.includes('auditor');
  const asked = route.query.get('agency') ?? '';
  const agency = auditor && /^[A-Za-z0-9_-]{1,40}$/.test(asked) ? asked : '';
  const scope: Scope = { month, region, agency };
  const state = useLoad(() => loadFigures(scope, session), [month, region, agency]);
  const go = (next: { month?: string; region?: string; agency?: string }) => {
    const query = new URLSearchParams({ month, ...(region === '' ? {} : { region }), ...(agency === '' ? {} : { agency }) });
    for (const [k, v] of Object.entries(next)) v === '' ? query.delete(k) : query.set(k, v);
    location.hash = `#/dashboard?${query}`;
  };
  return (
    <>
      <h1>
        {t('dashboard')} <span class="muted print-only">{t('monthlyReport', { agency: agency || session.agency, month })}</span>
      </h1>
      <form class="filters" aria-label={t('dashboard')} onSubmit={(e) => e.preventDefault()}>
        <label for="dash-month">{t('month')}</label>
        <input id="dash-month" type="month" value={month} onChange={(e) => go({ month: (e.currentTarget as HTMLInputElement).value })} />
        {auditor ? (
          <>
            <label for="dash-agency">{t('auditedAgency')}</label>
            <DraftInput id="dash-agency" placeholder="SAMR-110108" value={agency} onCommit={(v) => go({ agency: v })} />
          </>
        ) : null}
        <label for="dash-region">{t('region')}</label>
        <DraftInput id="dash-region" inputMode="numeric" placeholder={t('allRegions')} value={region} onCommit={(v) => go({ region: v })} />
        {region === '' ? null : (
          <button type="button" class="secondary" onClick={() => go({ region: region.length > 2 ? region.slice(0, -2) : '' })}>
            {t('upOneLevel')}
          </button>
        )}
        <button type="button" class="secondary" id="print-report" onClick={() => print()}>
          {t('printReport')}
        </button>
      </form>
      <p class="muted">{t('agencyWide')}</p>
      <Loading state={state}>
        {(f) => (
          <>
            <TargetCards f={f} scope={scope} />
            <OtherCards f={f} />
            <div class="columns">
              <Distribution f={f} />
              <Regions f={f} go={(r) => go({ region: r })} />
            </div>
            <Trends scope={scope} />
          </>
        )}
      </Loading>
    </>
  );
}
