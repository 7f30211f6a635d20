import { useState } from 'preact/hooks';
import { getAll } from '../api.ts';
import { type CaseView, caseSteps, nextDeadline } from '../case-steps.ts';
import { label, t } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { DeadlineBadge, Loading, useLoad } from '../widgets.tsx';

/** A case matches a search by its credit code, party, summary or id. */
const matches = (c: CaseView, q: string) =>
  q === '' ||
  c.entity === q.toUpperCase() ||
  [c.party.name, c.summary, c.caseId].some((text) => text.toLowerCase().includes(q.toLowerCase()));

function CaseCard({ c }: { c: CaseView }) {
  const deadline = nextDeadline(c);
  return (
    <li class="case-card" data-case={c.caseId}>
      <a href={`#/cases/${encodeURIComponent(c.caseId)}`}>
        <span class="title">{c.party.name}</span>
        <span class="what">{c.summary.slice(0, 60)}</span>
        <span class="mono">{c.entity}</span>
        {deadline === undefined ? null : <DeadlineBadge deadline={deadline} />}
      </a>
    </li>
  );
}

/** The agency's cases as a board by state, with their next deadline; filtered by state and searched. */
export default function CaseBoard({ route }: { route: Route; session: Session }) {
  const status = route.query.get('status') ?? '';
  const [q, setQ] = useState(route.query.get('q') ?? '');
  const state = useLoad(async () => {
    const steps = await caseSteps();
    const query = new URLSearchParams();
    if (status !== '') query.set('status', status);
    const cases = await getAll<CaseView>(`/cases${query.size > 0 ? `?${query}` : ''}`);
    return { steps, cases };
  }, [status]);
  const go = (next: { status?: string; q?: string }) => {
    const query = new URLSearchParams({ ...(status ? { status } : {}), ...(q ? { q } : {}) });
    for (const [k, v] of Object.entries(next)) v === '' ? query.delete(k) : query.set(k, v);
    location.hash = `#/cases?${query}`;
  };
  return (
    <>
      <h1>{t('cases')}</h1>
      <form
        class="filters"
        aria-label={t('searchLabel')}
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: q.trim() });
        }}
      >
        <label for="filter-status">{t('status')}</label>
        <select id="filter-status" value={status} onChange={(e) => go({ status: (e.currentTarget as HTMLSelectElement).value })}>
          <option value="">{t('allStates')}</option>
          {(state.data?.steps.states ?? []).map((s) => (
            <option key={s} value={s}>
              {label('state', s)}
            </option>
          ))}
        </select>
        <label for="filter-q">{t('searchLabel')}</label>
        <input
          id="filter-q"
          type="search"
          value={q}
          placeholder={t('search')}
          onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit" class="secondary">
          {t('searchLabel')}
        </button>
      </form>
      <Loading state={state}>
        {({ steps, cases }) => {
          const found = cases.filter((c) => matches(c, route.query.get('q') ?? ''));
          if (found.length === 0) return <p class="muted">{t('nothingFound')}</p>;
          const columns = steps.states.filter((s) => found.some((c) => c.status === s));
          return (
            <div class="board">
              {columns.map((s) => {
                const inColumn = found
                  .filter((c) => c.status === s)
                  .sort((a, b) => (nextDeadline(a)?.due ?? '9999').localeCompare(nextDeadline(b)?.due ?? '9999'));
                return (
                  <section class="column" key={s} aria-labelledby={`col-${s}`}>
                    <h2 id={`col-${s}`}>
                      {label('state', s)} <span class="count">{inColumn.length}</span>
                    </h2>
                    <ul>
                      {inColumn.map((c) => (
                        <CaseCard key={c.caseId} c={c} />
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
