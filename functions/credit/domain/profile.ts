import type { CreditFact, FactSource } from './facts.ts';
import type { ObjectionTarget } from './objections.ts';
import { CREDIT_RULE_SETS, type CreditClass, type CreditRuleSet, classOf, finePoints, rulesOn } from './rules.ts';

/** One line of the explanation: what counted, by which rule and article, how much now, and until when. */
export interface CreditFactor {
  source: FactSource;
  on: string;
  rule: string;
  basis: string;
  /** Points when it happened, and as of the profile's date (linear decay to 0). */
  initialPoints: number;
  points: number;
  decay: { months: number; endsOn: string };
  by: 'platform' | 'other-department';
  /** 异议处理中: the objection (its stream) that disputes this factor now. */
  underObjection?: string;
}

export interface ProfileOptions {
  /** A factor under objection counts for nothing while the objection runs (default: it counts; the law does not freeze it). */
  objectionSuspends?: boolean;
}

export interface OpenObjection {
  objection: string;
  target: ObjectionTarget;
  since: string;
}

export interface CreditListing {
  listing: string;
  list: 'abnormal' | 'serious';
  since: string;
  source: FactSource;
  /** 异议处理中: the objection (its stream) that disputes this listing now. */
  underObjection?: string;
}

export interface CreditProfile {
  asOf: string;
  score: number;
  /** The class the score gives, before the lists cap it. */
  scoreClass: CreditClass;
  class: CreditClass;
  /** Why the class is not the score's: a listing, or the class the national system gave (its source), with the rule. */
  capped?: { by: 'abnormal' | 'serious'; listing: string; basis: string } | { by: 'national'; source: FactSource; basis: string };
  factors: CreditFactor[];
  listings: CreditListing[];
  /** Objections (异议) not yet ended, each with what it disputes. */
  openObjections: OpenObjection[];
  /** A class set by hand with a supervisor's approval, in force until a later fact about the entity. */
  override?: { class: CreditClass; reason: string; on: string; source: FactSource };
  rules: string[];
}

const DAY_MS = 86_400_000;
const dayNumbers = new Map<string, number>();
/** Days since the epoch of a YYYY-MM-DD day (memoised: a profile reads the same days many times). */
function dayNumber(day: string): number {
  let n = dayNumbers.get(day);
  if (n === undefined) {
    n = Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(day, n);
  }
  return n;
}
const days = (from: string, to: string) => dayNumber(to) - dayNumber(from);
const ends = new Map<string, string>();
/** The same day `months` later (the month's last day when it has no such day), memoised. */
function addMonths(day: string, months: number): string {
  const key = `${day}+${months}`;
  let end = ends.get(key);
  if (end === undefined) {
    end = monthsAfter(day, months);
    if (ends.size > 100_000) ends.clear();
    ends.set(key, end);
  }
  return end;
}
function monthsAfter(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Linear decay from the fact's day to the day `months` later, exactly 0 from then on; whole points, rounded away
 * from 0, so that a factor counts at least a point on every day until its decay ends.
 */
function decayed(initial: number, on: string, endsOn: string, asOf: string): number {
  if (asOf >= endsOn) return 0;
  if (asOf <= on) return initial;
  const left = initial * (1 - days(on, asOf) / days(on, endsOn));
  return left < 0 ? Math.floor(left) : Math.ceil(left);
}

/** The facts in one order whatever order they came in, each once (a redelivered event is the same stream and seq). */
function canonical(facts: readonly CreditFact[]): CreditFact[] {
  const seen = new Map<string, CreditFact>();
  for (const f of facts) seen.set(`${f.source.stream}#${f.source.seq}#${f.kind}`, f);
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0); // code units: the same in every locale
  return [...seen.values()].sort(
    (a, b) => order(a.on, b.on) || order(a.source.stream, b.source.stream) || a.source.seq - b.source.seq || order(a.kind, b.kind),
  );
}

type Judged = { fact: CreditFact; rules: CreditRuleSet };

/** An inspection's factor; a compliant one only while the rule set's bonus cap has room (`bonusUsed` per rule set). */
function inspectionFactor(
  fact: Extract<CreditFact, { kind: 'inspection' }>,
  rules: CreditRuleSet,
  asOf: string,
  bonusUsed: Map<string, number>,
) {
  const rule = fact.result === 'non-compliant' ? rules.inspection.nonCompliant : rules.inspection.compliant;
  let initial = rule.points;
  if (fact.result === 'compliant') {
    const used = bonusUsed.get(rules.id) ?? 0;
    initial = Math.min(initial, rules.inspection.compliant.maxTotal - used);
    if (initial <= 0) return [];
    bonusUsed.set(rules.id, used + initial);
  }
  const endsOn = addMonths(fact.on, rule.decayMonths);
  const factor: CreditFactor = {
    source: fact.source,
    on: fact.on,
    rule: `${rules.id}/inspection-${fact.result}`,
    basis: rule.basis,
    initialPoints: initial,
    points: decayed(initial, fact.on, endsOn, asOf),
    decay: { months: rule.decayMonths, endsOn },
    by: fact.by,
  };
  return [factor];
}

/** A decision's factors, one per measure (a fine by its amount's tier). */
function penaltyFactors(fact: Extract<CreditFact, { kind: 'penalty' }>, rules: CreditRuleSet, asOf: string): CreditFactor[] {
  const endsOn = addMonths(fact.on, rules.penalty.decayMonths);
  return [...fact.types].sort().map((type) => {
    const initial = type === 'fine' ? finePoints(fact.fine ?? 0, rules) : rules.penalty.types[type];
    return {
      source: fact.source,
      on: fact.on,
      rule: `${rules.id}/penalty-${type}`,
      basis: rules.penalty.basis,
      initialPoints: initial,
      points: decayed(initial, fact.on, endsOn, asOf),
      decay: { months: rules.penalty.decayMonths, endsOn },
      by: fact.by,
    };
  });
}

/** The class after the lists: the serious list makes it D; the abnormal-operations list caps it at C. */
function listedClass(
  scoreClass: CreditClass,
  listings: readonly CreditListing[],
  rules: CreditRuleSet,
): Pick<CreditProfile, 'class' | 'capped'> {
  const serious = listings.find((l) => l.list === 'serious');
  if (serious !== undefined)
    return { class: rules.lists.seriousClass, capped: { by: 'serious', listing: serious.listing, basis: rules.lists.basis } };
  const abnormal = listings.find((l) => l.list === 'abnormal');
  if (abnormal !== undefined && scoreClass < rules.lists.abnormalCap) {
    return { class: rules.lists.abnormalCap, capped: { by: 'abnormal', listing: abnormal.listing, basis: rules.lists.basis } };
  }
  return { class: scoreClass };
}

/**
 * An entity's credit profile as of a day: a pure function of the facts about it up to that day (DESIGN §6). Each
 * fact is judged by the rule set in force on its own day; the same facts in any order, delivered any number of
 * times, give the same profile byte for byte.
 */
export function creditProfile(
  facts: readonly CreditFact[],
  asOf: string,
  sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS,
  options: ProfileOptions = {},
): CreditProfile {
  const known = canonical(facts).filter((f) => f.on <= asOf);
  const objections = objectionsOf(known);
  // An upheld objection voids its factor or listing from the decision's day: as if it had never been recorded.
  const upTo = known.filter((f) => !objections.voids(f));
  const revoked = new Set(upTo.flatMap((f) => (f.kind === 'penalty-revoked' ? [f.decision] : [])));
  // A repaired decision (信用修复) no longer weighs from the day the repair was granted.
  const repaired = new Set(upTo.flatMap((f) => (f.kind === 'repaired' ? [f.decision] : [])));
  const inForce = new Map<string, CreditRuleSet>();
  const judged: Judged[] = upTo.map((fact) => {
    let rules = inForce.get(fact.on);
    if (rules === undefined) {
      rules = rulesOn(fact.on, sets);
      inForce.set(fact.on, rules);
    }
    return { fact, rules };
  });
  const bonusUsed = new Map<string, number>();
  const factors = judged.flatMap(({ fact, rules }) => {
    if (fact.kind === 'inspection') return inspectionFactor(fact, rules, asOf, bonusUsed);
    // A revoked decision (撤销) counts for nothing.
    if (fact.kind === 'penalty' && !revoked.has(fact.decision) && !repaired.has(fact.decision)) return penaltyFactors(fact, rules, asOf);
    return [];
  });
  for (const f of factors) {
    const objection = objections.openAgainst({ kind: 'factor', stream: f.source.stream, seq: f.source.seq });
    if (objection === undefined) continue;
    f.underObjection = objection;
    // Whether a factor counts while under objection is a setting (CREDIT_OBJECTION_SUSPENDS); by default it counts.
    if (options.objectionSuspends === true) f.points = 0;
  }
  const listings = currentListings(upTo).map((l) => {
    const objection = objections.openAgainst({ kind: 'listing', listing: l.listing });
    return objection === undefined ? l : { ...l, underObjection: objection };
  });
  const rules = rulesOn(asOf, sets);
  const score = Math.max(0, Math.min(1000, rules.start + factors.reduce((sum, f) => sum + f.points, 0)));
  const scoreClass = classOf(score, rules);
  const override = overrideInForce(upTo);
  // An override replaces the judgment of the score and the national class, never the lists' legal consequences.
  const listed =
    override === undefined
      ? nationalCap(listedClass(scoreClass, listings, rules), upTo, rules)
      : listedClass(override.class, listings, rules);
  return {
    asOf,
    score,
    scoreClass,
    class: listed.class,
    ...(listed.capped === undefined ? {} : { capped: listed.capped }),
    factors,
    listings,
    ...(override === undefined ? {} : { override }),
    openObjections: objections.open,
    rules: [...new Set([...factors.map((f) => f.rule.split('/')[0] as string), rules.id])].sort(),
  };
}

/** The last approved override, unless a fact about the entity came after it (a new fact calls for the computed class). */
function overrideInForce(facts: readonly CreditFact[]): CreditProfile['override'] {
  const override = facts.findLast((f): f is Extract<CreditFact, { kind: 'override' }> => f.kind === 'override');
  if (override === undefined || facts.some((f) => f.kind !== 'override' && f.on > override.on)) return undefined;
  return { class: override.class, reason: override.reason, on: override.on, source: override.source };
}

/** The class at best the one the national system gave last (a later letter is a higher risk). */
function nationalCap(listed: Pick<CreditProfile, 'class' | 'capped'>, facts: readonly CreditFact[], rules: CreditRuleSet) {
  const national = facts.findLast((f): f is Extract<CreditFact, { kind: 'national-class' }> => f.kind === 'national-class');
  if (national === undefined || national.class <= listed.class) return listed;
  return { class: national.class, capped: { by: 'national' as const, source: national.source, basis: rules.national.basis } };
}

const targetKey = (t: ObjectionTarget) => (t.kind === 'factor' ? `factor ${t.stream}#${t.seq}` : `listing ${t.listing}`);

/** The objections among these facts: those still open (by target), and the targets upheld ones voided. */
function objectionsOf(facts: readonly CreditFact[]) {
  const open = new Map<string, OpenObjection>();
  const voided = new Set<string>();
  for (const f of facts) {
    if (f.kind === 'objection-open') open.set(f.objection, { objection: f.objection, target: f.target, since: f.on });
    if (f.kind === 'objection-closed') open.delete(f.objection);
    if (f.kind === 'voided') voided.add(targetKey(f.target));
  }
  const openByTarget = new Map([...open.values()].map((o) => [targetKey(o.target), o.objection]));
  return {
    open: [...open.values()],
    openAgainst: (target: ObjectionTarget) => openByTarget.get(targetKey(target)),
    /** A fact an upheld objection took away: the factor's source event, or the listing's events. */
    voids: (f: CreditFact) =>
      ((f.kind === 'inspection' || f.kind === 'penalty') &&
        voided.has(targetKey({ kind: 'factor', stream: f.source.stream, seq: f.source.seq }))) ||
      ((f.kind === 'listed' || f.kind === 'unlisted') && voided.has(targetKey({ kind: 'listing', listing: f.listing }))),
  };
}

/** The listings still in force: listed and not removed (by the day of the profile). */
function currentListings(facts: readonly CreditFact[]): CreditListing[] {
  const open = new Map<string, CreditListing>();
  for (const f of facts) {
    if (f.kind === 'listed') open.set(f.listing, { listing: f.listing, list: f.list, since: f.on, source: f.source });
    if (f.kind === 'unlisted') open.delete(f.listing);
  }
  return [...open.values()];
}
