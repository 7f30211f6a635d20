import { caseStream, publicDecisionsOf } from '#cases/adapters/table-layout';
import { isLive, type Publication, publicView } from '#cases/published';
import type { ABNORMAL_CAUSES } from '#events/credit/values';
import { maskText } from '#shared/masking';
import { objectionsAbout, publicListingsOf } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { allHeads } from './credit-streams.ts';
import type { ListingState } from './listings.ts';
import type { ObjectionState } from './objections.ts';

/** The causes of the abnormal-operations list as the public reads them (企业经营异常名录管理办法). */
const ABNORMAL_CAUSE_TEXT: Record<(typeof ABNORMAL_CAUSES)[number], string> = {
  'annual-report-not-published': '未按照规定的期限公示年度报告',
  'information-not-published': '未在市场监督管理部门责令的期限内公示有关企业信息',
  'name-change-not-registered': '应当办理名称变更登记而未办理',
  'unreachable-at-address': '通过登记的住所或者经营场所无法联系',
};
const LIST_NAMES = { abnormal: '经营异常名录', serious: '严重违法失信名单' } as const;
const isAbnormalCause = (cause: string): cause is (typeof ABNORMAL_CAUSES)[number] => cause in ABNORMAL_CAUSE_TEXT;

/**
 * What the public reads of an entity (as the national enterprise credit publicity system, GSXT, shows it): the
 * listings in force, every agency's, with their cause and basis, and the penalty decisions published now, personal
 * data masked; a listing or decision under objection marked 异议处理中 (publication is not frozen). Never the credit
 * class, which is for the regulators' own use (国市监信发〔2022〕6号).
 */
export async function publicEntityPage(deps: CreditDeps, uscc: string) {
  const today = deps.today();
  const [listings, publications] = await Promise.all([
    allHeads<ListingState>(deps, publicListingsOf(uscc)),
    allHeads<Publication>(deps, publicDecisionsOf(uscc)),
  ]);
  const live = publications.filter((p) => isLive(p.state, today));
  const agencies = [...new Set([...listings.map((l) => l.agency), ...live.map((p) => p.state.notice.agency)])];
  const objections = (await Promise.all(agencies.map((agency) => allHeads<ObjectionState>(deps, objectionsAbout(agency, uscc))))).flat();
  const disputed = new Set(
    objections
      .filter((o) => o.state.status === 'filed' || o.state.status === 'accepted')
      .map((o) => (o.state.target.kind === 'listing' ? o.state.target.listing : o.state.target.stream)),
  );
  return {
    uscc,
    listings: listings
      .filter((l) => l.state.removed === undefined)
      .map(({ stream, state: l }) => ({
        list: l.list,
        listName: LIST_NAMES[l.list],
        cause: isAbnormalCause(l.cause) ? ABNORMAL_CAUSE_TEXT[l.cause] : maskText(l.cause),
        since: l.on,
        agency: l.agency,
        basis: l.basis,
        underObjection: disputed.has(stream),
      })),
    decisions: live.map((p) => ({ ...publicView(p.state), underObjection: disputed.has(caseStream(p.state.notice.caseId)) })),
  };
}
