import * as z from 'zod';
import { agencyCode } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE, TIMED_STEPS } from './values.ts';

/** The steps of an alert's closed loop after it is raised (风险预警闭环处置), each by the role its rule names. */
const text = z.string().min(1).max(4000);

/** 签收: the handler takes the alert on. */
export const AlertAcknowledged = defineEvent(
  SOURCE,
  'Alerts.AlertAcknowledged',
  1,
  () => z.strictObject({ note: z.string().max(4000), on: day }),
  {
    note: '已签收',
    on: '2026-09-15',
  },
);

/** 核查: what checking the alert found. */
export const AlertVerified = defineEvent(SOURCE, 'Alerts.AlertVerified', 1, () => z.strictObject({ finding: text, on: day }), {
  finding: '两次检查均发现超范围经营，风险属实',
  on: '2026-09-16',
});

const disposal = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('targeted-inspection'),
    /** The assigned inspection this orders (created by the inspections context from this event). */
    inspectionId: z.string().min(1).max(200),
    entity: z.string().max(18),
    items: z.array(z.string().min(1).max(100)).min(1).max(20),
    inspectors: z
      .array(z.strictObject({ id: z.string().min(1).max(100), agency: agencyCode }))
      .min(2)
      .max(10),
    /** Chosen inspectors left out, and why (回避: declared conflict, inspected the entity within 12 months). */
    excluded: z.array(z.strictObject({ inspector: z.string(), reason: z.string() })),
    plannedEnd: day,
  }),
  z.strictObject({ kind: z.literal('case-clue'), caseId: z.string().min(1).max(200), entity: z.string().max(18), summary: text }),
  z.strictObject({ kind: z.literal('no-action'), reason: text }),
]);

/** 处置: what was done about it; a targeted inspection or a case clue is then opened by its own context. */
export const AlertDisposed = defineEvent(
  SOURCE,
  'Alerts.AlertDisposed',
  1,
  () => z.strictObject({ alertId: z.string().min(1).max(100), disposal, on: day }),
  {
    alertId: 'alert-4f1c2d3e4b5a6c7d8e9f',
    disposal: {
      kind: 'targeted-inspection',
      inspectionId: 'alert-4f1c2d3e4b5a6c7d8e9f~1',
      entity: '9144030071526726XG',
      items: ['SC-FOOD-001'],
      inspectors: [
        { id: 'insp-01', agency: 'SAMR-440305' },
        { id: 'insp-02', agency: 'SAMR-440305' },
      ],
      excluded: [],
      plannedEnd: '2026-09-30',
    },
    on: '2026-09-17',
  },
);

/** What the targeted inspection or the case clue came to: recorded on the alert when that inspection completes or that case ends. */
export const FeedbackReceived = defineEvent(
  SOURCE,
  'Alerts.FeedbackReceived',
  1,
  () =>
    z.strictObject({
      from: z.strictObject({ kind: z.enum(['inspection', 'case']), id: z.string().min(1).max(200) }),
      outcome: z.string().min(1).max(100),
      summary: z.string().max(4000),
      on: day,
    }),
  {
    from: { kind: 'inspection', id: 'alert-4f1c2d3e4b5a6c7d8e9f~1' },
    outcome: 'non-compliant',
    summary: '仍超范围经营，已立案',
    on: '2026-09-25',
  },
);

/** 办结: the loop is closed, with what the disposal found. */
export const AlertClosed = defineEvent(SOURCE, 'Alerts.AlertClosed', 1, () => z.strictObject({ feedback: text, on: day }), {
  feedback: '定向检查确认违法行为，已转立案查处',
  on: '2026-09-26',
});

/** A false positive (误报), with the reason. */
export const AlertDismissed = defineEvent(SOURCE, 'Alerts.AlertDismissed', 1, () => z.strictObject({ reason: text, on: day }), {
  reason: '两次记录为同一次检查的重复上报',
  on: '2026-09-15',
});

/** A closed or dismissed alert taken up again; its business clock runs on from where it was raised. */
export const AlertReopened = defineEvent(SOURCE, 'Alerts.AlertReopened', 1, () => z.strictObject({ reason: text, on: day }), {
  reason: '复查发现整改不到位',
  on: '2026-10-09',
});

/**
 * A step past its deadline (督办): level 1 to the agency's supervisor, level 2 (overdue by the same period again) to
 * its admin. Once per step and level.
 */
export const Escalated = defineEvent(
  SOURCE,
  'Alerts.Escalated',
  1,
  () =>
    z.strictObject({
      step: z.enum(TIMED_STEPS),
      level: z.union([z.literal(1), z.literal(2)]),
      to: z.enum(['supervisor', 'admin']),
      due: day,
      provisional: z.boolean(),
      on: day,
    }),
  { step: 'acknowledge', level: 1, to: 'supervisor', due: '2026-09-15', provisional: false, on: '2026-09-16' },
);
