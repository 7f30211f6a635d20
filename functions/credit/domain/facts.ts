import { caseStream } from '#cases/adapters/table-layout';
import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import {
  EntityListed,
  ListingRemoved,
  ObjectionDecided,
  ObjectionFiled,
  ObjectionNotAccepted,
  OverrideDecided,
  RepairGranted,
} from '#events/credit/credit-events.v1';
import { EntityRegistered } from '#events/directory/entity-registered.v1';
import { EntityUpdated } from '#events/directory/entity-updated.v1';
import { ExternalInspectionResult, ExternalPenaltyDecision } from '#events/external/external-events.v1';
import { InspectionCompleted } from '#events/inspections/inspection-events.v1';
import { dataOf } from '#events/stored-event';
import { chinaDay } from '#shared/calendar';
import { seriousListingEnds } from './listings.ts';
import type { ObjectionTarget } from './objections.ts';
import type { CreditClass, PenaltyType } from './rules.ts';

/** Where a fact comes from: the stored event, by stream and sequence number (DESIGN §4). */
export interface FactSource {
  stream: string;
  seq: number;
  type: string;
}

/** What the credit profile is computed from: facts about one entity, each from one stored event. */
export type CreditFact =
  | { kind: 'inspection'; on: string; result: 'compliant' | 'non-compliant'; source: FactSource; by: 'platform' | 'other-department' }
  | {
      kind: 'penalty';
      on: string;
      types: PenaltyType[];
      fine?: number;
      decision: string;
      source: FactSource;
      by: 'platform' | 'other-department';
    }
  | { kind: 'penalty-revoked'; on: string; decision: string; source: FactSource }
  | { kind: 'listed'; on: string; list: 'abnormal' | 'serious'; listing: string; source: FactSource }
  | { kind: 'unlisted'; on: string; listing: string; source: FactSource }
  /** The class the national system gave the entity (国市监信发〔2022〕6号), recorded with it in the directory. */
  | { kind: 'national-class'; on: string; class: CreditClass; source: FactSource }
  /** A class set by hand with a supervisor's approval (credit/domain/overrides.ts). */
  | { kind: 'override'; on: string; class: CreditClass; reason: string; source: FactSource }
  /** An objection (异议) against a factor or a listing, from its filing to its end; upheld, its target is void from then. */
  | { kind: 'objection-open'; on: string; objection: string; target: ObjectionTarget; source: FactSource }
  | { kind: 'objection-closed'; on: string; objection: string; source: FactSource }
  | { kind: 'voided'; on: string; target: ObjectionTarget; source: FactSource }
  /** Credit repair granted for a decision (its case's stream): the penalty no longer weighs from that day. */
  | { kind: 'repaired'; on: string; decision: string; source: FactSource };

export interface StoredEventLike {
  stream: string;
  seq: number;
  type: string;
  occurredAt: string;
  data: unknown;
}

/**
 * The credit facts in a stored event, if any: the platform's own completed inspections and penalty decisions (and
 * their revocation), and what other departments post through ingest (跨部门), which count like the platform's own.
 * A result that is neither compliant nor non-compliant (not found at the address, refused) is not a credit fact here.
 * The directory's record of the entity brings the class the national system gave it (imported with the entity, or
 * changed since): the profile's class is never better than that one.
 */
export function factsOf(event: StoredEventLike): CreditFact[] {
  const source = { stream: event.stream, seq: event.seq, type: event.type };
  switch (event.type) {
    case InspectionCompleted.DETAIL_TYPE: {
      const { result } = dataOf(InspectionCompleted, event);
      if (result !== 'compliant' && result !== 'non-compliant') return [];
      return [{ kind: 'inspection', on: chinaDay(event.occurredAt), result, source, by: 'platform' }];
    }
    case ExternalInspectionResult.DETAIL_TYPE: {
      const { data } = dataOf(ExternalInspectionResult, event);
      if (data.result !== 'compliant' && data.result !== 'non-compliant') return [];
      return [{ kind: 'inspection', on: data.inspectedOn, result: data.result, source, by: 'other-department' }];
    }
    case PenaltyDecided.DETAIL_TYPE: {
      const { on, penalty } = dataOf(PenaltyDecided, event);
      const fine = penalty.fine === undefined ? {} : { fine: penalty.fine };
      return [{ kind: 'penalty', on, types: penalty.types, ...fine, decision: event.stream, source, by: 'platform' }];
    }
    case DecisionRevoked.DETAIL_TYPE:
      return [{ kind: 'penalty-revoked', on: dataOf(DecisionRevoked, event).on, decision: event.stream, source }];
    case ExternalPenaltyDecision.DETAIL_TYPE: {
      const { data, id } = dataOf(ExternalPenaltyDecision, event);
      const fine = data.penalty.fine === undefined ? {} : { fine: data.penalty.fine };
      return [
        {
          kind: 'penalty',
          on: data.decidedOn,
          types: data.penalty.types,
          ...fine,
          decision: `${event.stream}#${id}`,
          source,
          by: 'other-department',
        },
      ];
    }
    case EntityListed.DETAIL_TYPE: {
      const { list, on } = dataOf(EntityListed, event);
      const listed: CreditFact = { kind: 'listed', on, list, listing: event.stream, source };
      // Off the serious list after 3 years by itself (SAMR Order 44); the abnormal list has no such end.
      return list === 'serious' ? [listed, { kind: 'unlisted', on: seriousListingEnds(on), listing: event.stream, source }] : [listed];
    }
    case EntityRegistered.DETAIL_TYPE:
      return [{ kind: 'national-class', on: chinaDay(event.occurredAt), class: dataOf(EntityRegistered, event).creditClass, source }];
    case EntityUpdated.DETAIL_TYPE: {
      const changed = dataOf(EntityUpdated, event).changes.creditClass;
      return changed === undefined ? [] : [{ kind: 'national-class', on: chinaDay(event.occurredAt), class: changed, source }];
    }
    case OverrideDecided.DETAIL_TYPE: {
      const d = dataOf(OverrideDecided, event);
      return d.approved ? [{ kind: 'override', on: d.on, class: d.class, reason: d.reason, source }] : [];
    }
    case ObjectionFiled.DETAIL_TYPE: {
      const d = dataOf(ObjectionFiled, event);
      return [{ kind: 'objection-open', on: d.on, objection: event.stream, target: d.target, source }];
    }
    case ObjectionNotAccepted.DETAIL_TYPE:
      return [{ kind: 'objection-closed', on: dataOf(ObjectionNotAccepted, event).on, objection: event.stream, source }];
    case ObjectionDecided.DETAIL_TYPE: {
      const d = dataOf(ObjectionDecided, event);
      const closed: CreditFact = { kind: 'objection-closed', on: d.on, objection: event.stream, source };
      return d.upheld ? [closed, { kind: 'voided', on: d.on, target: d.target, source }] : [closed];
    }
    case RepairGranted.DETAIL_TYPE: {
      const d = dataOf(RepairGranted, event);
      return [{ kind: 'repaired', on: d.on, decision: caseStream(d.caseId), source }];
    }
    case ListingRemoved.DETAIL_TYPE:
      return [{ kind: 'unlisted', on: dataOf(ListingRemoved, event).on, listing: event.stream, source }];
    default:
      return [];
  }
}
