import { useEffect } from 'preact/hooks';
import { getAll } from '../api.ts';
import { awaitedFrom, type CaseSteps, type CaseView, caseSteps, nextDeadline, preparing } from '../case-steps.ts';
import { label, t, when } from '../i18n.ts';
import type { Session } from '../session.ts';
import { DeadlineBadge, DueBadge, Loading, useLoad } from '../widgets.tsx';
import type { CreditRequest } from './credit.tsx';

interface Alert {
  alertId: string;
  rule: { name: string; severity: string };
  entity?: string;
  subject: { kind: string; id: string };
  status: string;
  clock: { acknowledgeBy: string; closeBy: string; provisional: boolean; overdue: boolean; escalationLevel: number };
  allowedSteps: string[];
}
interface WorkItem {
  key: string;
  href: string;
  title: string;
  what: string;
  due?: string;
  badge: preact.JSX.Element | null;
}

const ALERT_HANDLERS = ['case-officer', 'legal-reviewer', 'supervisor', 'admin'];
const CASE_READERS = ['case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'];
const byDue = (a: WorkItem, b: WorkItem) => (a.due ?? '9999').localeCompare(b.due ?? '9999');

/** Each case waiting for one of this person's steps, and each coercive measure waiting for their approval. */
function caseItems(cases: CaseView[], steps: CaseSteps, session: Session): WorkItem[] {
  const items: WorkItem[] = [];
  for (const c of cases) {
    const awaited = awaitedFrom(c, steps, session);
    const measure = awaited.includes('approve-measure')
      ? c.measures?.find((m) => m.state === 'pending-approval' || m.approvalDueAt)
      : undefined;
    const main = awaited.filter((s) => s !== 'approve-measure')[0] ?? (preparing(c, session) ? 'register' : undefined);
    if (measure !== undefined) {
      items.push({
        key: `${c.caseId}/measure/${measure.measureId}`,
        href: `#/cases/${encodeURIComponent(c.caseId)}?step=approve-measure`,
        title: `${c.party.name} · ${label('option', measure.kind)}`,
        what: t('measureApproval'),
        due: measure.approvalDueAt?.slice(0, 10),
        badge:
          measure.approvalDueAt === undefined ? null : (
            <span class="badge soon">{t('approvalDue', { at: when(measure.approvalDueAt) })}</span>
          ),
      });
    }
    if (main === undefined) continue;
    const deadline = nextDeadline(c);
    items.push({
      key: c.caseId,
      href: `#/cases/${encodeURIComponent(c.caseId)}?step=${main}`,
      title: `${c.party.name} · ${c.summary.slice(0, 40)}`,
      what: `${label('state', c.status)} → ${t(awaited.includes(main) ? 'nextStep' : 'awaitingOther', { step: label('step', main) })}`,
      due: deadline?.due,
      badge: deadline === undefined ? null : <DeadlineBadge deadline={deadline} />,
    });
  }
  return items.sort(byDue);
}

function alertItems(alerts: Alert[]): WorkItem[] {
  return alerts
    .filter((a) => a.allowedSteps.length > 0)
    .map((a) => ({
      key: a.alertId,
      href: `#/alerts/${encodeURIComponent(a.alertId)}`,
      title: `${a.rule.name} · ${a.entity ?? a.subject.id}`,
      what: `${label('alert', a.status)} · ${label('alert', a.rule.severity)}`,
      due: a.clock.acknowledgeBy,
      badge: (
        <>
          <DueBadge due={a.clock.acknowledgeBy} provisional={a.clock.provisional} />
          {a.clock.escalationLevel > 0 ? <span class="badge overdue">{t('escalated', { n: a.clock.escalationLevel })}</span> : null}
        </>
      ),
    }))
    .sort(byDue);
}

/** Each objection, repair application and override waiting for this supervisor's step (never their own override). */
function creditItems(requests: CreditRequest[], session: Session): WorkItem[] {
  return requests
    .filter((r) => r.next !== undefined && r.requestedBy !== session.sub)
    .map((r) => ({
      key: `${r.kind}/${r.id}`,
      href: `#/credit/${encodeURIComponent(r.uscc)}?request=${encodeURIComponent(r.id)}`,
      title: `${r.entity ?? r.uscc} · ${label('request', r.kind)}`,
      what: `${label('request', `${r.kind}.${r.status}`)} → ${t(r.next === 'accept' ? 'acceptIt' : 'decideIt')}`,
      due: r.due ?? r.on,
      badge:
        r.due === undefined ? (
          <span class="badge later">{t('askedOn', { on: r.on })}</span>
        ) : (
          <DueBadge due={r.due} provisional={r.provisional} />
        ),
    }))
    .sort(byDue);
}

const OPEN_FOR_WORK = (steps: CaseSteps, c: CaseView) => !steps.finalStates.includes(c.status);

function WorkList({ id, heading, items }: { id: string; heading: string; items: WorkItem[] }) {
  return (
    <section class="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {heading} <span class="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted">{t('empty')}</p>
      ) : (
        <ul class="work" id={id}>
          {items.map((item) => (
            <li key={item.key} data-item={item.key}>
              <a href={item.href}>
                <span class="title">{item.title}</span>
                <span class="what">{item.what}</span>
                <span class="badges">{item.badge}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The landing page: what needs me now, ordered by deadline; each item opens where the work is done. */
export function MyWork({ session }: { session: Session }) {
  const handlesAlerts = session.roles.some((r) => ALERT_HANDLERS.includes(r));
  const readsCases = session.roles.some((r) => CASE_READERS.includes(r));
  const decidesCredit = session.roles.includes('supervisor');
  const state = useLoad(async () => {
    const [steps, cases, alerts, requests] = await Promise.all([
      caseSteps(),
      readsCases ? getAll<CaseView>('/cases') : Promise.resolve([]),
      handlesAlerts ? getAll<Alert>('/alerts?status=raised') : Promise.resolve([]),
      decidesCredit ? getAll<CreditRequest>('/credit/requests') : Promise.resolve([]),
    ]);
    return {
      cases: caseItems(
        cases.filter((c) => OPEN_FOR_WORK(steps, c)),
        steps,
        session,
      ),
      alerts: alertItems(alerts),
      credit: creditItems(requests, session),
    };
  }, [session.sub, session.roles.join()]);
  // The moment the list is drawn and usable (bench/console.ts reads it).
  useEffect(() => {
    if (state.data !== undefined) performance.mark('my-work-usable');
  }, [state.data]);
  return (
    <>
      <h1>{t('myWork')}</h1>
      <Loading state={state}>
        {(data) => (
          <div class="columns">
            <WorkList id="my-cases" heading={t('casesNeedingMe')} items={data.cases} />
            {handlesAlerts ? <WorkList id="my-alerts" heading={t('alertsToAcknowledge')} items={data.alerts} /> : null}
            {decidesCredit ? <WorkList id="my-credit" heading={t('creditToDecide')} items={data.credit} /> : null}
          </div>
        )}
      </Loading>
    </>
  );
}
