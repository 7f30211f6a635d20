import * as z from 'zod';
import { usccFormat } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';

/** A penalty case's record (行政处罚): one event type per lifecycle step, version 1. */
const SOURCE = 'regulator.cases';
const day = z.iso.date();
const penalty = z.strictObject({
  types: z
    .array(z.enum(['warning', 'fine', 'confiscation', 'suspension', 'licence-revocation']))
    .min(1)
    .max(5),
  /** Yuan; bounded so that a typo such as 1e308 is refused rather than recorded (no fine comes near ¥10 billion). */
  fine: z.number().nonnegative().max(10_000_000_000).optional(),
  violationCode: z.string().min(1).max(40),
  level: z.enum(['lighter', 'normal', 'heavier']),
});
export const penaltySchema = penalty;
/** 文书编号 such as 京朝市监处罚〔2026〕123号. */
export const documentNumber = z.string().trim().min(1).max(100);
const note = z.strictObject({ note: z.string().max(4000).default('') });

export const CaseOpened = defineEvent(
  SOURCE,
  'Cases.CaseOpened',
  1,
  z.strictObject({
    caseId: z.string(),
    entity: usccFormat,
    party: z.strictObject({ kind: z.enum(['person', 'organisation']), name: z.string().min(1).max(200) }),
    source: z.strictObject({ kind: z.enum(['inspection', 'complaint', 'alert', 'external']), ref: z.string().max(200) }),
    summary: z.string().max(4000),
    clueOn: day,
  }),
  {
    caseId: 'case-1',
    entity: '9144030071526726XG',
    party: { kind: 'organisation', name: '示例公司' },
    source: { kind: 'inspection', ref: 'task-1~9144030071526726XG' },
    summary: '无证经营',
    clueOn: '2026-04-02',
  },
);
export const CaseRegistered = defineEvent(SOURCE, 'Cases.CaseRegistered', 1, z.strictObject({ on: day, note: z.string().max(4000) }), {
  on: '2026-04-03',
  note: '',
});
export const RegistrationDeclined = defineEvent(
  SOURCE,
  'Cases.RegistrationDeclined',
  1,
  z.strictObject({ reason: z.string().min(1).max(4000) }),
  { reason: '证据不足' },
);
export const InvestigationStarted = defineEvent(SOURCE, 'Cases.InvestigationStarted', 1, note, { note: '' });
export const PenaltyNotified = defineEvent(SOURCE, 'Cases.PenaltyNotified', 1, z.strictObject({ on: day, proposed: penalty }), {
  on: '2026-04-20',
  proposed: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
});
export const StatementRecorded = defineEvent(
  SOURCE,
  'Cases.StatementRecorded',
  1,
  z.strictObject({ statement: z.string().min(1).max(8000) }),
  { statement: '当事人陈述…' },
);
export const HearingRequested = defineEvent(SOURCE, 'Cases.HearingRequested', 1, z.strictObject({ on: day }), { on: '2026-04-22' });
export const HearingHeld = defineEvent(
  SOURCE,
  'Cases.HearingHeld',
  1,
  z.strictObject({ from: day, to: day, summary: z.string().max(8000) }),
  {
    from: '2026-05-06',
    to: '2026-05-06',
    summary: '听证笔录',
  },
);
export const SubmittedForReview = defineEvent(SOURCE, 'Cases.SubmittedForReview', 1, note, { note: '' });
export const LegalReviewed = defineEvent(
  SOURCE,
  'Cases.LegalReviewed',
  1,
  z.strictObject({ approved: z.boolean(), opinion: z.string().min(1).max(8000) }),
  {
    approved: true,
    opinion: '事实清楚，证据确凿，适用依据正确，程序合法',
  },
);
export const DeadlineExtended = defineEvent(
  SOURCE,
  'Cases.DeadlineExtended',
  1,
  z.strictObject({ days: z.literal(30), reason: z.string().min(1).max(4000) }),
  {
    days: 30,
    reason: '案情复杂',
  },
);
export const PenaltyDecided = defineEvent(
  SOURCE,
  'Cases.PenaltyDecided',
  1,
  z.strictObject({
    on: day,
    penalty,
    reason: z.string().max(4000),
    major: z.array(z.string()),
    /** 文书编号: the number the agency's register gave the decision document (行政处罚法 §59 decision in writing). */
    documentNumber: documentNumber.optional(),
  }),
  {
    on: '2026-05-20',
    penalty: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
    reason: '',
    major: ['a hearing was held'],
  },
);
export const DecisionServed = defineEvent(SOURCE, 'Cases.DecisionServed', 1, z.strictObject({ on: day }), { on: '2026-05-22' });
export const PaymentRecorded = defineEvent(
  SOURCE,
  'Cases.PaymentRecorded',
  1,
  z.strictObject({ on: day, amount: z.number().nonnegative() }),
  {
    on: '2026-06-01',
    amount: 20_000,
  },
);
export const CaseClosed = defineEvent(SOURCE, 'Cases.CaseClosed', 1, note, { note: '' });
export const CaseTerminated = defineEvent(SOURCE, 'Cases.CaseTerminated', 1, z.strictObject({ reason: z.string().min(1).max(4000) }), {
  reason: '违法事实不能成立',
});
export const CaseTransferred = defineEvent(
  SOURCE,
  'Cases.CaseTransferred',
  1,
  z.strictObject({ to: z.string().min(1).max(200), reason: z.string().min(1).max(4000) }),
  {
    to: '公安机关',
    reason: '涉嫌犯罪',
  },
);

export const AppraisalStarted = defineEvent(
  SOURCE,
  'Cases.AppraisalStarted',
  1,
  z.strictObject({ on: day, subject: z.string().min(1).max(4000) }),
  { on: '2026-04-10', subject: '产品质量检验鉴定' },
);
export const AppraisalEnded = defineEvent(SOURCE, 'Cases.AppraisalEnded', 1, z.strictObject({ on: day, outcome: z.string().max(4000) }), {
  on: '2026-04-24',
  outcome: '鉴定意见：不合格',
});
export const DecisionRevoked = defineEvent(
  SOURCE,
  'Cases.DecisionRevoked',
  1,
  z.strictObject({ on: day, reason: z.string().min(1).max(4000) }),
  { on: '2026-07-01', reason: '行政复议决定撤销' },
);
const deadlineName = z.enum(['registration', 'decision', 'hearing-request', 'payment']);
/** Emitted by the daily clock sweep, once per deadline and due date. */
export const DeadlineApproaching = defineEvent(
  SOURCE,
  'Cases.DeadlineApproaching',
  1,
  z.strictObject({ deadline: deadlineName, due: day, daysLeft: z.number().int().nonnegative(), provisional: z.boolean() }),
  { deadline: 'decision', due: '2026-07-02', daysLeft: 10, provisional: false },
);
export const DeadlinePassed = defineEvent(
  SOURCE,
  'Cases.DeadlinePassed',
  1,
  z.strictObject({ deadline: deadlineName, due: day, provisional: z.boolean() }),
  { deadline: 'decision', due: '2026-07-02', provisional: false },
);

/** The public notice of a decision (一公开), personal data masked; on the case's publication stream. */
const notice = z.strictObject({
  caseId: z.string(),
  agency: z.string(),
  entity: usccFormat,
  party: z.string().describe('a natural person’s name in part'),
  summary: z.string().max(4000),
  penalty,
  decidedOn: day,
  /** 违法行为: the violation's name in the agency's discretion table (裁量基准), when the table names it. */
  violationName: z.string().max(200).optional(),
  documentNumber: documentNumber.optional(),
});
export const DecisionPublished = defineEvent(
  SOURCE,
  'Cases.DecisionPublished',
  1,
  z.strictObject({ notice, publishedOn: day, takedownOn: day, period: z.enum(['3 months', '3 years']) }),
  {
    notice: {
      caseId: 'case-1',
      agency: 'SAMR-310000',
      entity: '9144030071526726XG',
      party: '张*',
      summary: '无证经营，联系电话138****5678',
      penalty: { types: ['fine'], fine: 20_000, violationCode: 'FOOD-35', level: 'normal' },
      decidedOn: '2026-05-20',
    },
    publishedOn: '2026-05-20',
    takedownOn: '2029-05-20',
    period: '3 years',
  },
);
export const DecisionWithdrawn = defineEvent(
  SOURCE,
  'Cases.DecisionWithdrawn',
  1,
  z.strictObject({ on: day, reason: z.string().max(4000) }),
  { on: '2026-07-01', reason: '行政处罚决定已撤销' },
);
export const DecisionTakenDown = defineEvent(SOURCE, 'Cases.DecisionTakenDown', 1, z.strictObject({ on: day }), { on: '2029-05-20' });

export const FlaggedComplex = defineEvent(SOURCE, 'Cases.FlaggedComplex', 1, z.strictObject({ reason: z.string().min(1).max(4000) }), {
  reason: '涉及多个违法行为，案情复杂',
});

export const caseEvents = [
  CaseOpened,
  CaseRegistered,
  RegistrationDeclined,
  InvestigationStarted,
  PenaltyNotified,
  StatementRecorded,
  HearingRequested,
  HearingHeld,
  SubmittedForReview,
  LegalReviewed,
  DeadlineExtended,
  PenaltyDecided,
  DecisionServed,
  PaymentRecorded,
  CaseClosed,
  CaseTerminated,
  CaseTransferred,
  AppraisalStarted,
  AppraisalEnded,
  DecisionRevoked,
  DeadlineApproaching,
  DeadlinePassed,
  DecisionPublished,
  DecisionWithdrawn,
  DecisionTakenDown,
  FlaggedComplex,
];
