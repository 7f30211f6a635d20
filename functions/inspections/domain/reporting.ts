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
    if (!counted(state)) continue;
    const day = state.completedAt?.slice(0, 10);
    const onSite = state.result?.result === 'compliant' || state.result?.result === 'non-compliant';
    if (state.status !== 'completed' || !onSite || day === undefined || day < from || day > to) continue;
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
