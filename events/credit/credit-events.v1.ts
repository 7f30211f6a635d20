/** The credit context's events (信用监管), one file per type and version beside this one; this module lists them. */
import { ClassChanged } from './class-changed.v1.ts';
import { CreditDeadlineApproaching, CreditDeadlinePassed } from './deadlines.v1.ts';
import { EntityListed } from './entity-listed.v1.ts';
import { ListingRemoved } from './listing-removed.v1.ts';
import { ObjectionAccepted, ObjectionDecided, ObjectionFiled, ObjectionNotAccepted } from './objection.v1.ts';
import { OverrideDecided } from './override-decided.v1.ts';
import { OverrideRequested } from './override-requested.v1.ts';
import { ReclassificationCompleted, ReclassificationHandedOver } from './reclassification-run.v1.ts';
import { RemovalAccepted, RemovalApplied, RemovalRefused } from './removal.v1.ts';
import { RepairAccepted, RepairApplied, RepairExtended, RepairGranted, RepairRefused } from './repair.v1.ts';

export {
  ClassChanged,
  CreditDeadlineApproaching,
  CreditDeadlinePassed,
  EntityListed,
  ListingRemoved,
  ObjectionAccepted,
  ObjectionDecided,
  ObjectionFiled,
  ObjectionNotAccepted,
  OverrideDecided,
  OverrideRequested,
  ReclassificationCompleted,
  ReclassificationHandedOver,
  RemovalAccepted,
  RemovalApplied,
  RemovalRefused,
  RepairAccepted,
  RepairApplied,
  RepairExtended,
  RepairGranted,
  RepairRefused,
};
export const creditEvents = [
  EntityListed,
  ListingRemoved,
  ClassChanged,
  OverrideRequested,
  OverrideDecided,
  CreditDeadlineApproaching,
  CreditDeadlinePassed,
  RemovalApplied,
  RemovalAccepted,
  RemovalRefused,
  ObjectionFiled,
  ObjectionAccepted,
  ObjectionNotAccepted,
  ObjectionDecided,
  RepairApplied,
  RepairAccepted,
  RepairExtended,
  RepairRefused,
  RepairGranted,
  ReclassificationHandedOver,
  ReclassificationCompleted,
] as const;
