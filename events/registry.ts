import { alertEvents } from './alerts/alert-events.v1.ts';
import { caseEvents } from './cases/case-events.v1.ts';
import { creditEvents } from './credit/credit-events.v1.ts';
import { AgencyRegistered } from './directory/agency-registered.v1.ts';
import { AgencyUpdated } from './directory/agency-updated.v1.ts';
import { EntityRegistered } from './directory/entity-registered.v1.ts';
import { EntityUpdated } from './directory/entity-updated.v1.ts';
import { ImportChunkProcessed } from './directory/import-chunk-processed.v1.ts';
import { ImportCompleted } from './directory/import-completed.v1.ts';
import { ImportHandedOver } from './directory/import-handed-over.v1.ts';
import { ImportRequested } from './directory/import-requested.v1.ts';
import { InspectionItemRegistered } from './directory/inspection-item-registered.v1.ts';
import { InspectionItemUpdated } from './directory/inspection-item-updated.v1.ts';
import { InspectorRegistered } from './directory/inspector-registered.v1.ts';
import { InspectorUpdated } from './directory/inspector-updated.v1.ts';
import { externalEvents } from './external/external-events.v1.ts';
import { SystemRegistered } from './ingest/system-registered.v1.ts';
import { InspectionAssigned } from './inspections/inspection-assigned.v1.ts';
import {
  AnswersRecorded,
  CaseClueRaised,
  EvidenceRecorded,
  FindingRecorded,
  InspectionCompleted,
  InspectionCorrected,
  InspectionStarted,
  ResultRecorded,
} from './inspections/inspection-events.v1.ts';
import { TargetedInspectionAssigned } from './inspections/targeted-inspection-assigned.v1.ts';
import { PartnerAccepted } from './sampling/partner-accepted.v1.ts';
import { ResultPublicationOverdue } from './sampling/result-publication-overdue.v1.ts';
import { TaskCreated } from './sampling/task-created.v1.ts';
import { TaskDrawn } from './sampling/task-drawn.v1.ts';
import type { EventDefinition } from './stored-event.ts';

/** Every platform event type and version. Producers, consumers and the JSON Schema export read this list. */
export const eventRegistry: readonly EventDefinition[] = [
  AgencyRegistered,
  AgencyUpdated,
  EntityRegistered,
  EntityUpdated,
  InspectorRegistered,
  InspectorUpdated,
  InspectionItemRegistered,
  InspectionItemUpdated,
  ImportRequested,
  ImportChunkProcessed,
  ImportHandedOver,
  ImportCompleted,
  TaskCreated,
  TaskDrawn,
  PartnerAccepted,
  ResultPublicationOverdue,
  InspectionAssigned,
  TargetedInspectionAssigned,
  InspectionStarted,
  AnswersRecorded,
  FindingRecorded,
  EvidenceRecorded,
  ResultRecorded,
  InspectionCompleted,
  CaseClueRaised,
  InspectionCorrected,
  ...caseEvents,
  ...creditEvents,
  ...alertEvents,
  ...externalEvents,
  SystemRegistered,
];

export { sourceOf } from './source.ts';
