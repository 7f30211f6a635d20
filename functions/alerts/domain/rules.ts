import { MAX_WINDOW_DAYS, type RuleDefinition } from '#events/alerts/values';
import { RuleViolationError } from '#shared/errors';
import { FACT_SOURCES, type Fact, factSourceOf } from './facts.ts';

export type { RuleDefinition };

/** A rule in force: its definition and the version that definition is (defaults are version 1). */
export interface VersionedRule {
  version: number;
  rule: RuleDefinition;
}

const BASIS_6 = '国市监信发〔2022〕6号《关于推进企业信用风险分类管理进一步提升监管效能的意见》';
const steps = (acknowledge: number, verify: number, dispose: number, close: number) => ({ acknowledge, verify, dispose, close });

/**
 * The default rules (version 1 of each, DESIGN §6 "Risk alerts"). No national text fixes the deadlines of the loop:
 * they are this platform's defaults (签收 within 1 working day), and each agency may record versions of its own.
 */
export const DEFAULT_RULES: readonly RuleDefinition[] = [
  {
    id: 'repeat-non-compliance',
    name: '一年内两次及以上检查不合格',
    why: `${BASIS_6}：监管中发现的违法违规情况；本平台的检查和其他部门推送的检查结果（跨部门）均计入`,
    trigger: {
      events: [
        { type: 'Inspections.InspectionCompleted', where: [{ field: 'result', in: ['non-compliant'] }] },
        { type: 'External.InspectionResult', where: [{ field: 'result', in: ['non-compliant'] }] },
      ],
      subject: 'entity',
      window: { days: 365, count: 2 },
    },
    severity: 'high',
    role: 'case-officer',
    deadlines: steps(1, 5, 5, 30),
    enabled: true,
  },
  {
    id: 'credit-high-risk',
    name: '信用风险分类降为 D 类或列入严重违法失信名单',
    why: `${BASIS_6}（D 类 = 信用风险高）；《市场监督管理严重违法失信名单管理办法》（总局令第44号，2021）`,
    trigger: {
      events: [
        { type: 'Credit.ClassChanged', where: [{ field: 'to', in: ['D'] }] },
        { type: 'Credit.EntityListed', where: [{ field: 'list', in: ['serious'] }] },
      ],
      subject: 'entity',
      window: { days: 0, count: 1 },
    },
    severity: 'high',
    role: 'case-officer',
    deadlines: steps(1, 5, 5, 30),
    enabled: true,
  },
  {
    id: 'case-decision-deadline',
    name: '案件办理期限临近或超期',
    why: '《行政处罚法》第六十条：自立案之日起九十日内作出处罚决定（办案期限届满前 10 日预警）',
    trigger: {
      events: [
        { type: 'Cases.DeadlineApproaching', where: [{ field: 'deadline', in: ['decision'] }] },
        { type: 'Cases.DeadlinePassed', where: [{ field: 'deadline', in: ['decision'] }] },
      ],
      subject: 'case',
      window: { days: 0, count: 1 },
    },
    severity: 'medium',
    role: 'supervisor',
    deadlines: steps(1, 2, 3, 10),
    enabled: true,
  },
  {
    id: 'publication-overdue',
    name: '抽查结果未按期公示',
    why: '双随机、一公开：抽查检查结果自检查结束之日起 20 个工作日内公示（国发〔2019〕5号）',
    trigger: { events: [{ type: 'Sampling.ResultPublicationOverdue', where: [] }], subject: 'task', window: { days: 0, count: 1 } },
    severity: 'medium',
    role: 'supervisor',
    deadlines: steps(1, 2, 3, 5),
    enabled: true,
  },
  {
    id: 'fine-unpaid',
    name: '罚款逾期未缴纳',
    why: '《行政处罚法》第六十七条（送达之日起十五日内缴纳罚款）、第七十二条（加处罚款、申请人民法院强制执行）',
    trigger: { events: [{ type: 'Cases.PaymentOverdue', where: [] }], subject: 'case', window: { days: 0, count: 1 } },
    severity: 'medium',
    role: 'case-officer',
    deadlines: steps(1, 3, 5, 30),
    enabled: true,
  },
  {
    id: 'measure-overdue',
    name: '强制措施超期或未及时补办批准',
    why: '《行政强制法》第十九条（情况紧急当场实施的，二十四小时内补办批准）、第二十五条（查封、扣押不超过三十日，可延长一次）、第二十八条（期限届满及时解除）；《行政处罚法》第五十六条（先行登记保存七日内作出处理决定）',
    trigger: {
      events: [
        { type: 'Cases.MeasureOverdue', where: [] },
        { type: 'Cases.MeasureApprovalOverdue', where: [] },
      ],
      subject: 'case',
      window: { days: 0, count: 1 },
    },
    severity: 'high',
    role: 'supervisor',
    deadlines: steps(1, 1, 2, 5),
    enabled: true,
  },
  {
    id: 'external-risk-signal',
    name: '外部门推送风险线索',
    why: '互联网+监管：其他部门执法系统共享的风险线索（跨部门协同监管）',
    trigger: { events: [{ type: 'External.RiskSignal', where: [] }], subject: 'entity', window: { days: 0, count: 1 } },
    severity: 'medium',
    role: 'case-officer',
    deadlines: steps(1, 5, 5, 30),
    enabled: true,
  },
  {
    id: 'complaint-surge',
    name: '投诉举报异常增长',
    why: `${BASIS_6}：投诉举报异常增长列为重点监测情形`,
    trigger: { events: [{ type: 'External.Complaint', where: [] }], subject: 'entity', window: { days: 30, count: 5 } },
    severity: 'medium',
    role: 'case-officer',
    deadlines: steps(1, 5, 5, 30),
    enabled: true,
  },
  {
    id: 'abnormal-registration',
    name: '同一地址集中注册',
    why: `${BASIS_6}：异常注册（同一地址集中注册多户）列为重点监测情形；只计新设立登记，不计机关批量导入的存量名录`,
    trigger: {
      events: [{ type: 'Directory.EntityRegistered', where: [{ field: 'via', in: ['registration'] }] }],
      subject: 'address',
      window: { days: 30, count: 5 },
    },
    severity: 'low',
    role: 'case-officer',
    deadlines: steps(2, 10, 10, 30),
    enabled: true,
  },
  {
    id: 'personnel-bulk-reads',
    name: '人员风险：一小时内大量调阅案件、信用或时间线记录',
    why: '操作日志分析（人员风险）：一人一小时内调阅的记录明显超出工作需要；预警交本机关管理员处理，不推送给当事人员',
    trigger: {
      events: [{ type: 'Clock.HourlyReads', where: [{ field: 'reads', atLeast: 200 }] }],
      subject: 'person',
      window: { days: 0, count: 1 },
    },
    severity: 'high',
    role: 'admin',
    deadlines: steps(1, 3, 5, 10),
    enabled: true,
  },
  {
    id: 'personnel-probing',
    name: '人员风险：反复查询其他单位的记录',
    why: '操作日志分析（人员风险）：反复查询其他单位的记录且均被拒绝（404，越权探测，OWASP API1）；预警交本机关管理员处理，不推送给当事人员',
    trigger: {
      events: [{ type: 'Clock.HourlyReads', where: [{ field: 'denied', atLeast: 5 }] }],
      subject: 'person',
      window: { days: 0, count: 1 },
    },
    severity: 'high',
    role: 'admin',
    deadlines: steps(1, 3, 5, 10),
    enabled: true,
  },
];

/**
 * A rule version is checked against what the engine can watch: every event type must be one it turns into facts,
 * every condition must name a field that type has, the subject must be one every type provides, and the window at
 * most 3 years (400 otherwise, naming what is wrong).
 */
export function validateRule(rule: RuleDefinition): void {
  for (const trigger of rule.trigger.events) {
    const source = factSourceOf(trigger.type);
    if (source === undefined)
      throw new RuleViolationError(
        'trigger.events',
        `unknown event type ${trigger.type}; the rules can watch ${watchableTypes().join(', ')}`,
      );
    for (const w of trigger.where) {
      if (!source.fields.includes(w.field)) {
        throw new RuleViolationError('trigger.events', `${trigger.type} has no field ${w.field}; it has ${source.fields.join(', ')}`);
      }
    }
    if (!source.subjects.includes(rule.trigger.subject)) {
      throw new RuleViolationError(
        'trigger.subject',
        `${trigger.type} is not about a ${rule.trigger.subject}; it is about ${source.subjects.join(' or ')}`,
      );
    }
  }
  if (rule.trigger.window.days > MAX_WINDOW_DAYS) {
    throw new RuleViolationError(
      'trigger.window.days',
      `a window is at most ${MAX_WINDOW_DAYS} days (3 years), not ${rule.trigger.window.days}`,
    );
  }
  if (rule.trigger.window.count > 1 && rule.trigger.window.days === 0) {
    throw new RuleViolationError('trigger.window', 'counting more than one fact needs a window of at least one day');
  }
}

/** The event types the rules can watch. */
export const watchableTypes = () => FACT_SOURCES.map((s) => s.type);

/** The agency's rules in force: its own latest versions over the defaults. */
export function rulesInForce(own: readonly VersionedRule[]): VersionedRule[] {
  const byId = new Map<string, VersionedRule>(DEFAULT_RULES.map((rule) => [rule.id, { version: 1, rule }]));
  for (const r of own) byId.set(r.rule.id, r);
  return [...byId.values()];
}

/** Whether a fact counts for a rule: its type is a trigger whose conditions it meets, and it has the rule's subject. */
export function counts(rule: RuleDefinition, fact: Fact): boolean {
  if (!rule.enabled || fact.subjects[rule.trigger.subject] === undefined) return false;
  return rule.trigger.events.some((t) => t.type === fact.type && t.where.every((w) => holds(w, fact.fields[w.field])));
}

/** One condition on a fact's field: one of the values, or a count at least so high. */
function holds(condition: RuleDefinition['trigger']['events'][number]['where'][number], value: string | undefined): boolean {
  if (value === undefined) return false;
  return 'in' in condition ? condition.in.includes(value) : Number(value) >= condition.atLeast;
}
