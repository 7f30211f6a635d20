import { chinaDay } from '#shared/calendar';
import { figuresOf, type Reader } from '#shared/read-policy';
import type { InspectionState } from './inspection.ts';

/** What a worklist shows of an inspection: what to do, where, and how far it has got. */
export function worklistView(s: InspectionState) {
  const { answers, findings, evidence, corrections, start: _begun, result, ...rest } = s;
  return {
    ...rest,
    answered: Object.keys(answers).length,
    findings: findings.length,
    evidence: evidence.length,
    ...(result ? { result: result.result } : {}),
  };
}

/**
 * 掌上执法率: of the inspections completed on site (a compliant or non-compliant result) in the period, the share
 * that was started on the mobile form.
 */
/**
 * The inspections a figure counts: the reader's agency's, or (an auditor) another agency's inside the jurisdiction;
 * of the entities of a region when one is asked for.
 */
export function countedInspections(reader: Reader, query: { agency?: string | undefined; region?: string | undefined }) {
  const { agency, counts } = figuresOf(reader, query.agency);
  const region = query.region ?? '';
  const counted = (s: InspectionState) => s.entity.region.startsWith(region) && counts({ agency, region: s.entity.region });
  return { agency, counted };
}

/** Completed on site (a compliant or non-compliant result) on a day of the period (China Standard Time): what 掌上执法率 counts. */
export function completedOnSiteIn(period: { from: string; to: string }, state: InspectionState): boolean {
  const day = state.completedAt === undefined ? undefined : chinaDay(Date.parse(state.completedAt));
  const onSite = state.result?.result === 'compliant' || state.result?.result === 'non-compliant';
  return state.status === 'completed' && onSite && day !== undefined && day >= period.from && day <= period.to;
}

/** One inspection behind the figure, as the list shows it. */
export const completedView = (s: InspectionState) => ({
  inspectionId: s.inspectionId,
  taskId: s.taskId,
  entity: s.entity,
  completedAt: s.completedAt as string,
  result: s.result?.result as string,
  channel: s.start?.channel,
  origin: s.origin === undefined ? ('random' as const) : ('targeted' as const),
  team: s.team.map((m) => m.id),
});

/**
 * The inspections behind 掌上执法率: those completed on site in the period, newest first, optionally of one channel;
 * a page at a time (the cursor is the position in that order).
 */
export async function completedOnSite(
  period: { from: string; to: string; channel?: string | undefined; limit: number; cursor?: string | undefined },
  inspections: AsyncIterable<InspectionState>,
  counted: (state: InspectionState) => boolean = () => true,
) {
  const all: InspectionState[] = [];
  for await (const state of inspections) {
    if (!counted(state) || !completedOnSiteIn(period, state)) continue;
    if (period.channel !== undefined && state.start?.channel !== period.channel) continue;
    all.push(state);
  }
  all.sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? '') || a.inspectionId.localeCompare(b.inspectionId));
  const start = period.cursor === undefined ? 0 : Number(period.cursor);
  const items = all.slice(start, start + period.limit).map(completedView);
  const next = start + period.limit < all.length ? String(start + period.limit) : undefined;
  return { total: all.length, items, ...(next === undefined ? {} : { cursor: next }) };
}

export async function mobileShare(
  agency: string,
  period: { from: string; to: string; region?: string | undefined },
  inspections: AsyncIterable<InspectionState>,
  counted: (state: InspectionState) => boolean = () => true,
) {
  const { from, to } = period;
  let completedOnSite = 0;
  let onMobileForm = 0;
  for await (const state of inspections) {
    if (!counted(state) || !completedOnSiteIn(period, state)) continue;
    completedOnSite += 1;
    if (state.start?.channel === 'mobile-form') onMobileForm += 1;
  }
  return {
    agency,
    from,
    to,
    ...(period.region === undefined ? {} : { region: period.region }),
    completedOnSite,
    onMobileForm,
    mobileShare: completedOnSite === 0 ? 0 : onMobileForm / completedOnSite,
  };
}
