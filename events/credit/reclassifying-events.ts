import { DecisionRevoked, PenaltyDecided } from '../cases/case-events.v1.ts';
import { EntityUpdated } from '../directory/entity-updated.v1.ts';
import { ExternalInspectionResult, ExternalPenaltyDecision } from '../external/external-events.v1.ts';
import { InspectionCompleted } from '../inspections/inspection-events.v1.ts';
import type { EventDefinition } from '../stored-event.ts';
import { EntityListed, ListingRemoved, ObjectionDecided, OverrideDecided, RepairGranted } from './credit-events.v1.ts';

/**
 * The events whose arrival re-classifies an entity at once (issue 13: "when a listing, penalty or inspection result
 * arrives"): the platform's own inspection results and penalty decisions (and their revocation), those other
 * departments post through ingest, the two lists, a change of the class the national system gave, a supervisor's decision on an override, and a decided objection, and a granted repair. The topology's
 * rule `credit-reclassify` is built from this list, and the credit consumer finds each one's entity.
 */
export const RECLASSIFYING_EVENTS = [
  InspectionCompleted,
  PenaltyDecided,
  DecisionRevoked,
  ExternalInspectionResult,
  ExternalPenaltyDecision,
  EntityListed,
  ListingRemoved,
  EntityUpdated,
  OverrideDecided,
  ObjectionDecided,
  RepairGranted,
] as const satisfies readonly EventDefinition[];
