import { daysBetween } from '#shared/calendar';
import { NotFoundError } from '#shared/errors';
import { median } from '#shared/figures';
import { casesOf } from '../adapters/table-layout.ts';
import type { CaseDeps } from '../ports.ts';
import type { CaseReader } from './case-reads.ts';
import type { CaseRecord } from './case-record.ts';
import { caseDeadlines, measureDeadlines } from './clocks.ts';

/**
 * The supervision figures of an agency's cases (DESIGN §6, supervision metrics) for a period, in total and per region:
 * coercive measures taken, extended, released, overdue now, emergency approvals late; decisions and their durations;
 * fines decided and collected, surcharges collected, reminders, court applications and transfers to the judiciary.
 * Each figure counts what happened inside the period (its day on the case's record), "overdue now" what stands today.
 */
const inPeriod = (day: string | undefined, from: string, to: string) => day !== undefined && day >= from && day <= to;
const sum = (values: number[]) => Math.round(values.reduce((n, v) => n + v, 0) * 100) / 100;

export function caseFigures(cases: readonly CaseRecord[], from: string, to: string, deps: Pick<CaseDeps, 'calendar'>, today: string) {
  const measures = cases.flatMap((c) => (c.measures ?? []).map((m) => ({ c, m })));
  const overdueNow = cases.flatMap((c) => measureDeadlines(c, deps.calendar, today).filter((d) => today > d.due));
  const decided = cases.filter((c) => inPeriod(c.decision?.on, from, to));
  const payments = cases.flatMap((c) => (c.payments ?? []).filter((p) => inPeriod(p.on, from, to)));
  return {
    measures: {
      taken: measures.filter(({ m }) => inPeriod(m.takenOn, from, to)).length,
      byKind: Object.fromEntries(
        (['seal', 'seize', 'preserve'] as const).map((k) => [
          k,
          measures.filter(({ m }) => m.kind === k && inPeriod(m.takenOn, from, to)).length,
        ]),
      ),
      emergency: measures.filter(({ m }) => m.emergency && inPeriod(m.takenOn, from, to)).length,
      approvedLate: measures.filter(({ m }) => m.approval?.late === true && inPeriod(m.approval.on, from, to)).length,
      extended: measures.filter(({ m }) => inPeriod(m.extension?.on, from, to)).length,
      released: measures.filter(({ m }) => inPeriod(m.released?.on, from, to)).length,
      inForceNow: measures.filter(({ m }) => m.state === 'in-force').length,
      overdueNow: overdueNow.length,
    },
    decisions: {
      decided: decided.length,
      /** Decided on or before the decision deadline (90 days from registration, extended, hearing and appraisal time not counted). */
      onTime: decided.filter((c) => {
        const due = caseDeadlines(c, deps.calendar, c.decision?.on).find((d) => d.name === 'decision')?.due;
        return due === undefined || (c.decision?.on ?? '') <= due;
      }).length,
      medianDaysFromRegistration: median(
        decided.flatMap((c) => (c.registeredOn && c.decision ? [daysBetween(c.registeredOn, c.decision.on)] : [])),
      ),
      finesDecided: sum(decided.map((c) => c.decision?.penalty.fine ?? 0)),
    },
    enforcement: {
      fineCollected: sum(payments.map((p) => p.fine)),
      surchargeCollected: sum(payments.map((p) => p.surcharge)),
      reminders: cases.flatMap((c) => (c.reminders ?? []).filter((d) => inPeriod(d, from, to))).length,
      courtApplications: cases.filter((c) => inPeriod(c.court?.on, from, to)).length,
      courtApplicationAmount: sum(
        cases.filter((c) => inPeriod(c.court?.on, from, to)).map((c) => (c.court?.fine ?? 0) + (c.court?.surcharge ?? 0)),
      ),
      instalmentsApproved: cases.filter((c) => (c.instalments?.length ?? 0) > 0).length,
    },
    transfers: {
      transferred: cases.filter((c) => c.status === 'transferred' && c.transfer !== undefined).length,
      receiptsRecorded: cases.filter((c) => inPeriod(c.transfer?.receipt?.on, from, to)).length,
    },
  };
}

/** Every case of an agency, page after page (an agency's cases, folded figures: a supervisor's monthly question). */
async function allCases(deps: Pick<CaseDeps, 'reader'>, agency: string): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<CaseRecord>({ ...casesOf(agency), limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items.map((i) => i.state));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return out;
}

/** The figures for the caller's agency (an auditor may name another in their jurisdiction), in total and per region. */
export async function caseMetrics(
  deps: CaseDeps,
  who: CaseReader,
  query: { from: string; to: string; region?: string | undefined; agency?: string | undefined },
) {
  const agency = query.agency ?? who.agency;
  if (agency !== who.agency && who.auditorOf === undefined) throw new NotFoundError(`Agency ${agency} (yours is ${who.agency})`);
  const inScope = (c: CaseRecord) =>
    (query.region === undefined || c.jurisdiction.startsWith(query.region)) &&
    (who.auditorOf === undefined || agency === who.agency || c.jurisdiction.startsWith(who.auditorOf));
  const cases = (await allCases(deps, agency)).filter(inScope);
  const today = deps.today();
  const regions = [...new Set(cases.map((c) => c.jurisdiction))].sort();
  return {
    agency,
    from: query.from,
    to: query.to,
    ...(query.region === undefined ? {} : { region: query.region }),
    total: caseFigures(cases, query.from, query.to, deps, today),
    regions: regions.map((region) => ({
      region,
      ...caseFigures(
        cases.filter((c) => c.jurisdiction === region),
        query.from,
        query.to,
        deps,
        today,
      ),
    })),
  };
}
