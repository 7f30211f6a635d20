import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { chinaToday, type Deadline, daysUntil } from './case-steps.ts';
import { label, t } from './i18n.ts';
import { problemText } from './problems.ts';

/** How near a date is: overdue, due soon (within 3 days), or later; provisional when counted past the holiday data. */
export function DueBadge({ due, provisional, name }: { due: string; provisional?: boolean; name?: string }) {
  const left = daysUntil(due, chinaToday());
  const tone = left < 0 ? 'overdue' : left <= 3 ? 'soon' : 'later';
  const text = left < 0 ? t('overdueBy', { n: -left }) : left === 0 ? t('dueToday') : t('dueIn', { n: left });
  return (
    <span class={`badge ${tone}`} title={provisional ? t('provisional') : undefined} data-due={due}>
      {name === undefined ? null : <b>{label('deadline', name)} </b>}
      {due} · {text}
      {provisional ? ' *' : null}
    </span>
  );
}

export const DeadlineBadge = ({ deadline }: { deadline: Deadline }) => (
  <DueBadge due={deadline.due} provisional={deadline.provisional} name={deadline.name} />
);

/** A file the browser saves (an export, a proof). */
export function saveFile(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** A refusal or failure, in words, announced to screen readers. */
export const ProblemNote = ({ error }: { error: unknown }) => (
  <p class="problem" role="alert">
    {problemText(error)}
  </p>
);

/** Loads what a page shows; `reload` draws it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: unknown; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    setState({});
    load().then(
      (data) => current && setState({ data }),
      (error: unknown) => current && setState({ error }),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

export function Loading<T>({ state, children }: { state: { data?: T; error?: unknown }; children: (data: T) => ComponentChildren }) {
  if (state.error !== undefined) return <ProblemNote error={state.error} />;
  if (state.data === undefined)
    return (
      <p class="muted" aria-busy="true">
        {t('loading')}
      </p>
    );
  return <>{children(state.data)}</>;
}
