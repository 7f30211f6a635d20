import { getJson } from '../api.ts';
import { t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, useLoad } from '../widgets.tsx';

interface Read {
  at: string;
  reader: string;
  record: string;
  [member: string]: unknown;
}

/** Who read which record when (the access log the API keeps of case, timeline and credit reads). */
export default function AccessLog({ route }: { route: Route; session: Session }) {
  const cursor = route.query.get('cursor') ?? undefined;
  const state = useLoad(
    () =>
      getJson<{ items: Read[]; cursor?: string }>(
        `/audit/access-log?limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      ),
    [cursor],
  );
  return (
    <>
      <h1>{t('accessLog')}</h1>
      <Loading state={state}>
        {(page) => (
          <>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('at')}</th>
                    <th scope="col">{t('reader')}</th>
                    <th scope="col">{t('record')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((r) => (
                    <tr key={`${r.at}/${r.reader}/${r.record}`}>
                      <td>{when(r.at)}</td>
                      <td>{r.reader}</td>
                      <td class="mono">{r.record}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page.cursor === undefined ? null : <a href={`#/audit?cursor=${encodeURIComponent(page.cursor)}`}>{t('more')}</a>}
          </>
        )}
      </Loading>
    </>
  );
}
