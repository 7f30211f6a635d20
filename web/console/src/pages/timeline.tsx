import { useState } from 'preact/hooks';
import { call, getAll } from '../api.ts';
import { type ChainCheck, type ChainedEvent, verifyTimeline } from '../chain.ts';
import { t, when } from '../i18n.ts';
import type { Route } from '../main.tsx';
import type { Session } from '../session.ts';
import { Loading, ProblemNote, saveFile, useLoad } from '../widgets.tsx';

interface TimelineEvent extends ChainedEvent {
  type: string;
  recordedAt: string;
  actor: { id: string; role: string; agency: string };
  data: unknown;
}

/** The API path of a record's timeline: a case's, an alert's, or an entity's credit profile's. */
function timelinePath(route: Route): { api: string; back: string } {
  const [kind = '', id = ''] = route.path;
  const key = encodeURIComponent(id);
  if (kind === 'alerts') return { api: `/alerts/${key}/timeline`, back: `#/alerts/${key}` };
  if (kind === 'credit') return { api: `/entities/${key}/credit/timeline`, back: `#/credit/${key}` };
  return { api: `/cases/${key}/timeline`, back: `#/cases/${key}` };
}

async function download(api: string, format: 'csv' | 'ndjson', name: string): Promise<void> {
  saveFile(`${name}.${format}`, await (await call('GET', `${api}?format=${format}`)).blob());
}

function Verdict({ check }: { check: ChainCheck }) {
  if (check.ok) {
    return (
      <p class="ok" role="status" id="chain-verdict" data-ok="true">
        {t('chainIntact', { n: check.checked })}
      </p>
    );
  }
  const why = { 'hash-mismatch': t('brokenHash'), 'prev-hash-mismatch': t('brokenPrev'), 'sequence-gap': t('brokenSeq') }[
    check.brokenAt.reason
  ];
  return (
    <p class="problem" role="alert" id="chain-verdict" data-ok="false" data-stream={check.brokenAt.stream} data-seq={check.brokenAt.seq}>
      {t('chainBroken', { stream: check.brokenAt.stream, seq: check.brokenAt.seq, why })}
    </p>
  );
}

const SHOWN = 200;

/** A record's timeline as stored, its hash chain recomputed in this browser, and its exports. */
export default function TimelinePage({ route }: { route: Route; session: Session }) {
  const { api, back } = timelinePath(route);
  const state = useLoad(() => getAll<TimelineEvent>(api, Number.POSITIVE_INFINITY, 'events'), [api]);
  const [check, setCheck] = useState<ChainCheck | 'running' | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [shown, setShown] = useState(SHOWN);
  const name = route.path.slice(0, 2).join('-');
  return (
    <>
      <p>
        <a href={back}>← {t('back')}</a>
      </p>
      <h1>
        {t('timeline')} <span class="mono">{route.path[1]}</span>
      </h1>
      <Loading state={state}>
        {(events) => (
          <>
            <div class="toolbar">
              <button
                type="button"
                class="primary"
                id="verify"
                disabled={check === 'running'}
                onClick={async () => {
                  setCheck('running');
                  setCheck(await verifyTimeline(events));
                }}
              >
                {t('verifyInBrowser')}
              </button>
              <button type="button" class="secondary" onClick={() => download(api, 'csv', name).catch(setFailure)}>
                {t('exportCsv')}
              </button>
              <button type="button" class="secondary" onClick={() => download(api, 'ndjson', name).catch(setFailure)}>
                {t('exportNdjson')}
              </button>
              <span class="muted">{t('events', { n: events.length })}</span>
            </div>
            {check === 'running' ? <p aria-busy="true">{t('verifying', { n: events.length })}</p> : null}
            {check === undefined || check === 'running' ? null : <Verdict check={check} />}
            {failure === undefined ? null : <ProblemNote error={failure} />}
            <div class="table-wrap">
              <table class="timeline">
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">{t('recordedAt')}</th>
                    <th scope="col">{t('type')}</th>
                    <th scope="col">{t('actor')}</th>
                    <th scope="col">{t('data')}</th>
                  </tr>
                </thead>
                <tbody>
                  {events.slice(0, shown).map((e) => (
                    <tr key={`${e.stream}/${e.seq}`} data-seq={e.seq}>
                      <td class="mono">
                        {e.stream.split('/')[0]} {e.seq}
                      </td>
                      <td>{when(e.recordedAt)}</td>
                      <td>{e.type}</td>
                      <td>
                        {e.actor.id} ({e.actor.role})
                      </td>
                      <td class="data">{JSON.stringify(e.data)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {events.length > shown ? (
              <button type="button" class="secondary" onClick={() => setShown(shown + SHOWN)}>
                {t('more')}
              </button>
            ) : null}
          </>
        )}
      </Loading>
    </>
  );
}
