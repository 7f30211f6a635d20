import { classStream } from '#credit/adapters/table-layout';
import { NotFoundError } from '#shared/errors';
import { median } from '#shared/figures';
import { alertsOf } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { type AlertState, isOpen } from './alert.ts';
import { clockView } from './alert-clock.ts';
import type { AlertReader } from './alert-commands.ts';

/** Every alert of an agency (open and finished), each page after page. */
async function allAlerts(deps: Pick<AlertsDeps, 'reader'>, agency: string, which?: 'open' | 'done'): Promise<AlertState[]> {
  const out: AlertState[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<AlertState>({ ...alertsOf(agency, which), limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((i) => i.state));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
}

/** The agency whose alerts a reader asks for: their own; an auditor may name another. */
function agencyFor(reader: AlertReader, asked: string | undefined): string {
  if (asked === undefined || asked === reader.agency) return reader.agency;
  if (reader.auditorOf === undefined) throw new NotFoundError(`Agency ${asked} (yours is ${reader.agency})`);
  return asked;
}

const hoursBetween = (from: string, to: string) => Math.round(((Date.parse(to) - Date.parse(from)) / 3_600_000) * 10) / 10;
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/** The figures of one group of alerts (a rule's, a region's, all of them). */
function figures(alerts: readonly AlertState[], deps: Pick<AlertsDeps, 'calendar'>, today: string) {
  const views = alerts.map((a) => ({ a, c: clockView(a, deps.calendar, today) }));
  // Due by now: acknowledgement (or closing) was due on or before today, or was done.
  const ackDue = views.filter(({ a, c }) => a.firstAcknowledged !== undefined || c.acknowledgeBy < today);
  const closeDue = views.filter(({ a, c }) => a.closed !== undefined || c.closeBy < today);
  const acknowledgedOnTime = views.filter(({ c }) => c.acknowledgedOnTime === true).length;
  const closedOnTime = views.filter(({ c }) => c.closedOnTime === true).length;
  return {
    raised: alerts.length,
    open: alerts.filter((a) => isOpen(a.status)).length,
    acknowledged: alerts.filter((a) => a.firstAcknowledged !== undefined).length,
    acknowledgedOnTime,
    /** 按期签收率: acknowledged on time, of the alerts whose acknowledgement has fallen due. */
    acknowledgedOnTimeRate: rate(acknowledgedOnTime, ackDue.length),
    closed: alerts.filter((a) => a.status === 'closed').length,
    dismissed: alerts.filter((a) => a.status === 'dismissed').length,
    closedOnTime,
    /** 按期办结率: closed by the business clock's day, of the alerts whose closing has fallen due. */
    closedOnTimeRate: rate(closedOnTime, closeDue.length),
    overdueNow: views.filter(({ c }) => c.overdue).length,
    escalations: {
      level1: alerts.reduce((n, a) => n + a.escalations.filter((e) => e.level === 1).length, 0),
      level2: alerts.reduce((n, a) => n + a.escalations.filter((e) => e.level === 2).length, 0),
    },
    medianHoursToAcknowledge: median(
      alerts.flatMap((a) => (a.firstAcknowledged ? [hoursBetween(a.raisedAt, a.firstAcknowledged.at)] : [])),
    ),
    medianHoursToClose: median(alerts.flatMap((a) => (a.closed ? [hoursBetween(a.raisedAt, a.closed.at)] : []))),
  };
}

const groupBy = <K extends string>(alerts: readonly AlertState[], key: (a: AlertState) => K) => {
  const groups = new Map<K, AlertState[]>();
  for (const a of alerts) groups.set(key(a), [...(groups.get(key(a)) ?? []), a]);
  return [...groups.entries()].sort(([x], [y]) => (x < y ? -1 : 1));
};

/**
 * The alert metrics of an agency for the alerts raised in a period (by the day raised), optionally in one region
 * (a prefix of the 6-digit code): in all, per rule and per region.
 */
export async function alertMetrics(
  deps: AlertsDeps,
  reader: AlertReader,
  query: { from: string; to: string; agency?: string | undefined; region?: string | undefined },
) {
  const agency = agencyFor(reader, query.agency);
  const region =
    reader.auditorOf !== undefined && (query.region ?? '').length < reader.auditorOf.length ? reader.auditorOf : (query.region ?? '');
  const today = deps.today();
  const alerts = (await allAlerts(deps, agency)).filter(
    (a) => a.raisedOn >= query.from && a.raisedOn <= query.to && a.region.startsWith(region) && a.subject.kind !== 'person',
  );
  return {
    agency,
    region,
    from: query.from,
    to: query.to,
    asOf: today,
    total: figures(alerts, deps, today),
    byRule: groupBy(alerts, (a) => a.rule.id).map(([rule, group]) => ({
      rule,
      name: group[0]?.rule.name ?? rule,
      ...figures(group, deps, today),
    })),
    byRegion: groupBy(alerts, (a) => a.region).map(([r, group]) => ({ region: r, ...figures(group, deps, today) })),
  };
}

const SEVERITY_WEIGHT = { low: 1, medium: 2, high: 3, critical: 4 } as const;
const CLASS_WEIGHT: Record<string, number> = { A: 0, B: 1, C: 2, D: 3 };

/**
 * Risk ranking for targeted work (风险排序): the entities behind the agency's open alerts, ranked by the severity of
 * those alerts, the entity's credit class and its alert history over the last 365 days, each feature listed beside the
 * score. It orders targeted work only: the double-random draw never reads it, and no class is exempt from the draw.
 */
export async function riskRanking(
  deps: AlertsDeps,
  reader: AlertReader,
  query: { region?: string | undefined; agency?: string | undefined; limit: number },
) {
  const agency = agencyFor(reader, query.agency);
  const region = query.region ?? reader.auditorOf ?? '';
  const today = deps.today();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const all = (await allAlerts(deps, agency)).filter(
    (a) => a.entity !== undefined && a.region.startsWith(region) && a.subject.kind !== 'person',
  );
  const byEntity = groupBy(all, (a) => a.entity as string).filter(([, group]) => group.some((a) => isOpen(a.status)));
  const classes = await deps.reader.getMany<{ class: string }>(byEntity.map(([uscc]) => classStream(agency, uscc)));
  const ranked = byEntity.map(([uscc, group]) => {
    const open = group.filter((a) => isOpen(a.status));
    const creditClass = classes.get(classStream(agency, uscc))?.state.class ?? null;
    const features = {
      openAlerts: open.length,
      severity: open.reduce((n, a) => n + SEVERITY_WEIGHT[a.rule.severity], 0),
      highestSeverity: open.reduce(
        (top, a) => (SEVERITY_WEIGHT[a.rule.severity] > SEVERITY_WEIGHT[top] ? a.rule.severity : top),
        'low' as keyof typeof SEVERITY_WEIGHT,
      ),
      creditClass,
      alertsLast365Days: group.filter((a) => a.raisedOn >= yearAgo).length,
      overdue: open.filter((a) => clockView(a, deps.calendar, today).overdue).length,
    };
    // Severity weighs most; a worse class and a longer history order entities of equal severity.
    const score =
      10 * features.severity + 5 * (creditClass === null ? 1 : (CLASS_WEIGHT[creditClass] ?? 1)) + 2 * features.alertsLast365Days;
    return {
      uscc,
      region: open[0]?.region ?? '',
      score,
      features,
      openAlerts: open.map((a) => ({ alertId: a.alertId, rule: a.rule.id, severity: a.rule.severity, status: a.status })),
    };
  });
  ranked.sort((x, y) => y.score - x.score || (x.uscc < y.uscc ? -1 : 1));
  return {
    agency,
    region,
    asOf: today,
    formula: '10 × Σ open-alert severity (low 1 … critical 4) + 5 × class (A 0 … D 3; none 1) + 2 × alerts in the last 365 days',
    items: ranked.slice(0, query.limit),
  };
}
