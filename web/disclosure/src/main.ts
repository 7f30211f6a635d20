/**
 * The public disclosure site (一公开, DESIGN §6): published penalty decisions and double-random sampling plans and
 * results, read from the platform's public routes, no login. Personal data is masked by the server before it leaves.
 */
import type { PublicDecisionView } from '../../../functions/cases/schemas.ts';
import type { PublicAgencyView } from '../../../functions/directory/schemas.ts';
import type { PublicTaskSummaryView, PublicTaskView } from '../../../functions/sampling/schemas.ts';
import { h } from '../../inspector/src/dom.ts';

// The shapes the public routes answer with, from their schemas (type-only: nothing of the server is bundled).
type Decision = PublicDecisionView;
type SamplingTask = PublicTaskView;
type SamplingTaskSummary = PublicTaskSummaryView;
interface Page<T> {
  items: T[];
  cursor?: string;
}

const config = JSON.parse(document.getElementById('config')?.textContent ?? '{}') as { apiUrl?: string };
const API = (config.apiUrl ?? '').replace(/\/$/, '');
const app = document.getElementById('app') as HTMLElement;

const PENALTY: Record<string, string> = {
  warning: '警告',
  fine: '罚款',
  confiscation: '没收违法所得',
  suspension: '责令停产停业',
  'licence-revocation': '吊销许可证件',
};
const RESULT: Record<string, string> = {
  compliant: '未发现问题',
  'non-compliant': '发现问题',
  'not-found-at-address': '查无下落',
  refused: '拒绝检查',
};
/** Beijing time, as the public reads it (the API answers in UTC). */
const beijing = (iso: string | undefined) =>
  iso === undefined
    ? undefined
    : `${new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' })}（北京时间）`;
const yuan = (n: number) => `¥${n.toLocaleString('zh-CN')}`;

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${API}${path}`);
  if (response.status === 404) throw new Error('未找到：该信息不存在、已撤回或已超过公示期限。');
  if (response.status === 429) throw new Error('访问过于频繁，请稍后再试。');
  if (!response.ok) throw new Error(`服务暂时不可用（${response.status}），请稍后再试。`);
  return (await response.json()) as T;
}

/**
 * Agencies by code, as they named themselves (GET /public/agencies), read once per visit. A code no agency has
 * named yet shows as the code; the list failing to load leaves codes, never an empty field.
 */
let agencyList: Promise<Map<string, string>> | undefined;
function agencies(): Promise<Map<string, string>> {
  agencyList ??= (async () => {
    const names = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await get<Page<PublicAgencyView>>(`/public/agencies?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const a of page.items) names.set(a.code, a.name);
      cursor = page.cursor;
    } while (cursor !== undefined && names.size < 2000);
    return names;
  })().catch(() => new Map<string, string>());
  return agencyList;
}
const agencyName = (names: Map<string, string>, code: string) => names.get(code) ?? code;

function failure(error: unknown): HTMLElement {
  return h('p', { className: 'error', role: 'alert' }, (error as Error).message);
}

function decisionCard(d: Decision, names: Map<string, string>): HTMLElement {
  return h(
    'a',
    { className: 'card', href: `#/decisions/${encodeURIComponent(d.caseId)}`, 'data-case': d.caseId },
    h('h2', {}, d.party),
    h(
      'div',
      { className: 'row' },
      ...d.penalty.types.map((t) => h('span', { className: 'tag' }, PENALTY[t] ?? t)),
      d.penalty.fine !== undefined && d.penalty.fine > 0 ? h('span', { className: 'amount' }, yuan(d.penalty.fine)) : null,
    ),
    h('div', { className: 'row' }, h('span', {}, `统一社会信用代码 ${d.entity}`), h('span', {}, `决定日期 ${d.decidedOn}`)),
    h('div', { className: 'row muted' }, agencyName(names, d.agency), d.documentNumber === undefined ? '' : ` · ${d.documentNumber}`),
  );
}

function taskCard(t: SamplingTaskSummary, names: Map<string, string>): HTMLElement {
  return h(
    'a',
    { className: 'card', href: `#/sampling/${encodeURIComponent(t.id)}`, 'data-task': t.id },
    h('h2', {}, t.name),
    h(
      'div',
      { className: 'row' },
      h('span', { className: 'tag' }, t.status === 'drawn' ? '已抽取' : '计划'),
      t.partnerAgencies.length > 0 ? h('span', { className: 'tag' }, '跨部门联合') : null,
      h('span', {}, `${t.period.start} 至 ${t.period.end}`),
    ),
    h('div', { className: 'row muted' }, [t.ownerAgency, ...t.partnerAgencies].map((a) => agencyName(names, a)).join('、')),
    h(
      'div',
      { className: 'row' },
      h('span', { className: 'drawn' }, `抽取 ${t.drawnCount} 户`),
      h('span', { className: 'published' }, `已公示结果 ${t.publishedCount} 户`),
      t.nonCompliantCount > 0 ? h('span', {}, `发现问题 ${t.nonCompliantCount} 户`) : null,
    ),
  );
}

/** A list with a filter over what is loaded and a button for the next page. */
async function list<T>(
  path: string,
  card: (item: T) => HTMLElement,
  matches: (item: T, q: string) => boolean,
  empty: string,
  placeholder = '按名称或统一社会信用代码筛选已加载的条目',
) {
  const search = h('input', {
    className: 'search',
    type: 'search',
    placeholder,
    'aria-label': '筛选',
  }) as HTMLInputElement;
  const items: T[] = [];
  const box = h('div', { id: 'items' });
  const more = h('button', { className: 'more', type: 'button' }, '加载更多') as HTMLButtonElement;
  let cursor: string | undefined;
  const draw = () => {
    const q = search.value.trim();
    const shown = items.filter((i) => q === '' || matches(i, q));
    box.replaceChildren(
      ...(shown.length > 0 ? shown.map(card) : [h('p', { className: 'muted' }, items.length > 0 ? '没有符合条件的条目。' : empty)]),
    );
    more.hidden = cursor === undefined;
  };
  const load = async () => {
    more.disabled = true;
    try {
      const page = await get<Page<T>>(`${path}?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.cursor;
      draw();
    } catch (error) {
      box.append(failure(error));
    } finally {
      more.disabled = false;
    }
  };
  search.addEventListener('input', draw);
  more.addEventListener('click', () => void load());
  app.replaceChildren(search, box, more);
  await load();
}

function field(label: string, value: string | Node | null): Node[] {
  return [h('dt', {}, label), h('dd', {}, value ?? '—')];
}

async function decision(id: string) {
  const [d, names] = await Promise.all([get<Decision>(`/public/decisions/${encodeURIComponent(id)}`), agencies()]);
  app.replaceChildren(
    h(
      'article',
      { className: 'card' },
      h('h2', {}, `行政处罚决定 · ${d.party}`),
      h(
        'dl',
        {},
        ...field('决定书文号', d.documentNumber ?? null),
        ...field('当事人', d.party),
        ...field('统一社会信用代码', d.entity),
        ...field('处罚种类', d.penalty.types.map((t) => PENALTY[t] ?? t).join('、')),
        ...field('罚款金额', d.penalty.fine !== undefined ? yuan(d.penalty.fine) : null),
        ...field('违法行为', d.violationName ?? d.penalty.violationCode),
        ...field('主要事实', d.summary),
        ...field('作出决定日期', d.decidedOn),
        ...field('公示日期', d.publishedOn),
        ...field('公示截止', d.takedownOn),
        ...field('作出机关', agencyName(names, d.agency)),
        ...field('案件编号', d.caseId),
      ),
    ),
    h('a', { className: 'back', href: '#/decisions' }, '返回列表'),
  );
}

async function task(id: string) {
  const [t, names] = await Promise.all([get<SamplingTask>(`/public/sampling-tasks/${encodeURIComponent(id)}`), agencies()]);
  app.replaceChildren(
    h(
      'article',
      { className: 'card' },
      h('h2', {}, t.name),
      h(
        'dl',
        {},
        ...field('牵头部门', agencyName(names, t.ownerAgency)),
        ...field('联合部门', t.partnerAgencies.map((a) => agencyName(names, a)).join('、') || null),
        ...field('检查事项', t.items.map((code) => (t.itemNames?.[code] ? `${t.itemNames[code]}（${code}）` : code)).join('、')),
        ...field('检查期间', `${t.period.start} 至 ${t.period.end}`),
        ...field('抽取时间', beijing(t.drawnAt) ?? '尚未抽取'),
        ...field('抽取比例', (t.strata ?? []).map((s) => `${s.name} 类 ${s.k}/${s.size}`).join('；') || null),
        ...field('结果公示', t.resultsOverdue ? '已超过 20 个工作日期限' : '按期'),
      ),
    ),
    h(
      'section',
      { className: 'card', id: 'sample' },
      h('h2', {}, `抽查名单（${(t.selected ?? []).length} 户）`),
      ...((t.selected ?? []).length > 0
        ? (t.selected ?? []).map((uscc) => {
            const result = (t.results ?? []).find((r) => r.uscc === uscc);
            return h(
              'div',
              { className: 'row', 'data-selected': uscc },
              h('span', {}, result?.name ?? ''),
              h('span', {}, `统一社会信用代码 ${uscc}`),
              h('span', { className: 'tag' }, result === undefined ? '待公示结果' : (RESULT[result.result] ?? result.result)),
            );
          })
        : [h('p', { className: 'muted' }, '尚未抽取。')]),
    ),
    h(
      'section',
      { className: 'card' },
      h('h2', {}, '检查结果'),
      ...((t.results ?? []).length > 0
        ? (t.results ?? []).map((r) =>
            h(
              'div',
              { className: 'row' },
              h('span', {}, r.name),
              h('span', {}, r.uscc),
              h('span', { className: 'tag' }, RESULT[r.result] ?? r.result),
              h('span', { className: 'muted' }, beijing(r.completedAt) ?? ''),
            ),
          )
        : [h('p', { className: 'muted' }, '尚无公示的检查结果。')]),
    ),
    h('a', { className: 'back', href: '#/sampling' }, '返回列表'),
  );
}

async function route() {
  const [, section = 'decisions', id] = location.hash.split('/');
  for (const tab of ['decisions', 'sampling']) {
    document.getElementById(`tab-${tab}`)?.toggleAttribute('aria-current', tab === section);
    if (tab === section) document.getElementById(`tab-${tab}`)?.setAttribute('aria-current', 'page');
  }
  app.replaceChildren(h('p', { className: 'muted' }, '加载中…'));
  try {
    const names = await agencies();
    if (section === 'sampling') {
      if (id) await task(decodeURIComponent(id));
      else
        await list<SamplingTaskSummary>(
          '/public/sampling-tasks',
          (t) => taskCard(t, names),
          (t, q) => t.name.includes(q),
          '暂无公示的抽查任务。',
          '按任务名称筛选已加载的任务（企业请打开任务查看抽查名单）',
        );
    } else if (id) {
      await decision(decodeURIComponent(id));
    } else {
      await list<Decision>(
        '/public/decisions',
        (d) => decisionCard(d, names),
        (d, q) => d.party.includes(q) || d.entity.includes(q.toUpperCase()),
        '暂无公示的行政处罚决定。',
      );
    }
  } catch (error) {
    app.replaceChildren(failure(error));
  }
  performance.mark('disclosure-ready');
}

window.addEventListener('hashchange', () => void route());
void route();
