/** Shapes the alerts context's events share (风险预警), version 1. */
import * as z from 'zod';

/** The source every alerts event is published under (DESIGN §4, outbox). */
export const SOURCE = 'regulator.alerts';
export const day = z.iso.date();

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
/**
 * The shared schemas are built on first use, as every event's (stored-event.ts): building zod schemas at module load
 * was the largest share of a cold start (bench/README.md, function bundles).
 */
const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
};
export const severity = once(() => z.enum(SEVERITIES));

/** Who handles an alert of a rule (its first steps); supervisors and the agency's admin are the escalation levels. */
export const HANDLER_ROLES = ['case-officer', 'legal-reviewer', 'supervisor', 'admin'] as const;

/** What an alert is about: the key its rule groups facts by. */
export const SUBJECT_KINDS = ['entity', 'case', 'task', 'address', 'person'] as const;
export const subject = once(() => z.strictObject({ kind: z.enum(SUBJECT_KINDS), id: z.string().min(1).max(300) }));

/** The closed loop (闭环处置): each step has a deadline in working days, counted from the step before. */
export const TIMED_STEPS = ['acknowledge', 'verify', 'dispose', 'close'] as const;
export type TimedStep = (typeof TIMED_STEPS)[number];

/** The longest window a rule may look back over (DESIGN §7 bounds; the issue: 3 years). */
export const MAX_WINDOW_DAYS = 1096;

/** A condition on a fact's field: its value is one of these, or (a count) at least this. */
const where = () =>
  z.union([
    z.strictObject({ field: z.string().min(1).max(60), in: z.array(z.string().min(1).max(100)).min(1).max(20) }),
    z.strictObject({ field: z.string().min(1).max(60), atLeast: z.number().int().min(1).max(1_000_000) }),
  ]);

/**
 * A rule (预警规则) as configuration: which facts count (event types, each with conditions on the fact's fields), what
 * they are grouped by, how many within how many days raise an alert, how severe it is, who handles it, and the
 * deadline of each step in working days. Versioned: each change is an `Alerts.RuleVersioned` event.
 */
export const ruleDefinition = once(() =>
  z.strictObject({
    id: z.string().regex(/^[a-z0-9-]{3,60}$/, 'a rule id is 3-60 lower-case letters, digits or -'),
    name: z.string().min(1).max(200),
    why: z.string().min(1).max(1000).describe('the legal or policy basis of the rule'),
    trigger: z.strictObject({
      events: z
        .array(z.strictObject({ type: z.string().min(1).max(100), where: z.array(where()).max(5).default([]) }))
        .min(1)
        .max(10),
      subject: z.enum(SUBJECT_KINDS),
      window: z.strictObject({
        days: z.number().int().min(0).max(100_000).describe('0: each fact alone; at most 1096 (3 years)'),
        count: z.number().int().min(1).max(1000),
      }),
    }),
    severity: severity(),
    role: z.enum(HANDLER_ROLES),
    deadlines: z.strictObject({
      acknowledge: z.number().int().min(1).max(60),
      verify: z.number().int().min(1).max(60),
      dispose: z.number().int().min(1).max(60),
      close: z.number().int().min(1).max(250),
    }),
    enabled: z.boolean().default(true),
  }),
);
export type RuleDefinition = z.output<ReturnType<typeof ruleDefinition>>;

/** One fact an alert is raised on: the event it came from, its day and what the rule looked at. */
export const factRef = once(() =>
  z.strictObject({
    stream: z.string().min(1).max(256),
    seq: z.number().int().positive(),
    type: z.string().min(1).max(100),
    on: day,
    fields: z.record(z.string(), z.string()),
  }),
);
export type FactRef = z.output<ReturnType<typeof factRef>>;

export const DISPOSAL_KINDS = ['targeted-inspection', 'case-clue', 'no-action'] as const;
