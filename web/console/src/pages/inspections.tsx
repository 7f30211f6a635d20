import { getJson } from '../api.ts';
import { label, t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, useLoad } from '../widgets.tsx';

interface Completed {
  inspectionId: string;
  taskId: string;
  entity: { uscc: string; name: string; region: string };
  completedAt: string;
  result: string;
  channel?: string;
  origin: 'random' | 'targeted';
  team: string[];
}

/** The query this page passes on to the API: the period, and the region, agency and channel when given. */
const KEYS = ['from', 'to', 'region', 'agency', 'channel'] as const;

/**
 * The inspections behind 掌上执法率 (the dashboard's figure links here): those completed on site in the period, newest
 * first, with the channel each was started on; "on the mobile form" narrows to the ones the figure counts as mobile.
 */
export default function Inspections({ route }: { route: Route; session: Session }) {
  const query = new URLSearchParams(KEYS.flatMap((k) => (route.query.get(k) ? [[k, route.query.get(k) as string]] : [])));
  const cursor = route.query.get('cursor') ?? undefined;
  const state = useLoad(
    () =>
      getJson<{ total: number; items: Completed[]; cursor?: string }>(
        `/inspections?${query}&limit=50${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      ),
    [query.toString(), cursor],
  );
  const go = (next: Record<string, string>) => {
    const q = new URLSearchParams(query);
    for (const [k, v] of Object.entries(next)) v === '' ? q.delete(k) : q.set(k, v);
    location.hash = `#/inspections?${q}`;
  };
  return (
    <>
      <p>
        <a href={`#/dashboard?month=${(query.get('from') ?? '').slice(0, 7)}`}>← {t('dashboard')}</a>
      </p>
      <h1>{t('completedInspections', { from: query.get('from') ?? '', to: query.get('to') ?? '' })}</h1>
      <form class="filters" aria-label={t('completedInspections', { from: '', to: '' })} onSubmit={(e) => e.preventDefault()}>
        <label for="insp-channel">{t('channelCol')}</label>
        <select
          id="insp-channel"
          value={query.get('channel') ?? ''}
          onChange={(e) => go({ channel: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">{t('allChannels')}</option>
          {['mobile-form', 'desktop', 'paper'].map((c) => (
            <option key={c} value={c}>
              {label('channel', c)}
            </option>
          ))}
        </select>
      </form>
      <Loading state={state}>
        {(page) => (
          <>
            <p id="inspections-total" data-total={page.total}>
              {t('inspectionsTotal', { n: page.total })}
            </p>
            {page.total === 0 ? <p class="muted">{t('noInspections')}</p> : null}
            <div class="table-wrap">
              <table id="inspection-table">
                <thead>
                  <tr>
                    <th scope="col">{t('completedAt')}</th>
                    <th scope="col">{t('entity')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col">{t('resultCol')}</th>
                    <th scope="col">{t('channelCol')}</th>
                    <th scope="col">{t('originCol')}</th>
                    <th scope="col">{t('team')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((i) => (
                    <tr key={i.inspectionId} data-inspection={i.inspectionId} data-channel={i.channel}>
                      <td>{when(i.completedAt)}</td>
                      <td>
                        <a href={`#/credit/${encodeURIComponent(i.entity.uscc)}`}>{i.entity.name}</a>
                        <br />
                        <span class="mono">{i.entity.uscc}</span>
                      </td>
                      <td>{i.entity.region}</td>
                      <td>{label('result', i.result)}</td>
                      <td>{i.channel === undefined ? '—' : label('channel', i.channel)}</td>
                      <td>
                        {i.origin === 'targeted' ? (
                          <a href={`#/alerts/${encodeURIComponent(i.taskId)}`}>{label('origin', 'targeted')}</a>
                        ) : (
                          <a href={`#/sampling/${encodeURIComponent(i.taskId)}`}>{label('origin', 'random')}</a>
                        )}
                      </td>
                      <td>{i.team.join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page.cursor === undefined ? null : (
              <a href={`#/inspections?${query}&cursor=${encodeURIComponent(page.cursor)}`}>{t('more')}</a>
            )}
          </>
        )}
      </Loading>
    </>
  );
}
