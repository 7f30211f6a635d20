import { ClassChanged } from '#events/credit/credit-events.v1';
import { dataOf } from '#events/stored-event';
import type { NewEvent } from '#records/domain/recorded-event';
import type { CreditProfile } from './profile.ts';
import type { CreditClass } from './rules.ts';

/** An entity's class as its agency's last re-classification left it (the head of its class stream). */
export interface ClassState {
  agency: string;
  uscc: string;
  class: CreditClass;
  score: number;
  asOf: string;
  rules: string[];
}

/** What started a re-classification: a fact's event arriving, the monthly run, or an operator's rebuild. */
export type ReclassificationCause =
  | { kind: 'fact'; event: { type: string; stream: string; seq: number } }
  | { kind: 'monthly' | 'rebuild' };

/** The fold of a class stream (DESIGN §4): each `Credit.ClassChanged` sets the class and the score it came with. */
export function evolveClass(_state: ClassState | undefined, event: { type: string; data: unknown }): ClassState {
  if (event.type !== ClassChanged.DETAIL_TYPE) throw new Error(`A class stream holds ${ClassChanged.DETAIL_TYPE} only, not ${event.type}`);
  const d = dataOf(ClassChanged, event);
  return { agency: d.agency, uscc: d.uscc, class: d.to, score: d.score, asOf: d.asOf, rules: d.rules };
}

/**
 * The event a re-classification records: none when the class is what it was (the score alone moving is no change:
 * the profile computes it on every read), `Credit.ClassChanged` when it differs or was never computed.
 */
export function reclassify(
  head: ClassState | undefined,
  profile: Pick<CreditProfile, 'class' | 'score' | 'asOf' | 'rules'>,
  subject: { agency: string; uscc: string },
  cause: ReclassificationCause,
): { events: NewEvent[]; state: ClassState } | undefined {
  if (head !== undefined && head.class === profile.class) return undefined;
  const data = {
    agency: subject.agency,
    uscc: subject.uscc,
    from: head?.class ?? null,
    to: profile.class,
    score: profile.score,
    asOf: profile.asOf,
    rules: profile.rules,
    cause,
  };
  const event = { type: ClassChanged.DETAIL_TYPE, version: ClassChanged.VERSION, data };
  return { events: [event], state: evolveClass(head, event) };
}
