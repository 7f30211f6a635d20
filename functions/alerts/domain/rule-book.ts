import { RuleVersioned } from '#events/alerts/alert-events.v1';
import type { Actor } from '#records/domain/recorded-event';
import { ruleIndex, ruleStream, rulesOf } from '../adapters/table-layout.ts';
import type { AlertsDeps } from '../ports.ts';
import { newAlertEvent } from './alert.ts';
import { type RuleDefinition, rulesInForce, type VersionedRule, validateRule } from './rules.ts';

/** An agency's rules in force: the defaults, replaced by the latest version the agency recorded of any of them. */
export async function agencyRules(deps: Pick<AlertsDeps, 'reader'>, agency: string): Promise<VersionedRule[]> {
  const own: VersionedRule[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<VersionedRule>({ ...rulesOf(agency), limit: 100, ...(cursor ? { cursor } : {}) });
    own.push(...page.items.map((i) => i.state));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return rulesInForce(own);
}

/**
 * An admin records a new version of one of the agency's rules (a default one or a new one): validated against what
 * the engine can watch (400), appended to the rule's stream with its version (the first change of a default is 2).
 * Alerts raised before keep citing the version that raised them.
 */
export async function recordRuleVersion(
  deps: Pick<AlertsDeps, 'reader' | 'store'>,
  who: { actor: Actor; correlationId: string },
  rule: RuleDefinition,
  note: string,
): Promise<VersionedRule> {
  validateRule(rule);
  const agency = who.actor.agency;
  const stream = ruleStream(agency, rule.id);
  const head = await deps.reader.get<VersionedRule>(stream);
  const version = (head?.state.version ?? 1) + 1;
  const state: VersionedRule = { version, rule };
  await deps.store.append({
    stream,
    expectedVersion: head?.version ?? 0,
    ...(head === undefined ? {} : { prevHash: head.lastHash }),
    events: [newAlertEvent(RuleVersioned, { version, rule, note })],
    actor: who.actor,
    agency,
    correlationId: who.correlationId,
    head: { state, index: ruleIndex({ agency, id: rule.id }) },
  });
  return state;
}
