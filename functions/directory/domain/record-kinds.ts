import type * as z from 'zod';
import { AgencyRegistered } from '#events/directory/agency-registered.v1';
import { AgencyUpdated } from '#events/directory/agency-updated.v1';
import { EntityRegistered } from '#events/directory/entity-registered.v1';
import { EntityUpdated } from '#events/directory/entity-updated.v1';
import { InspectionItemRegistered } from '#events/directory/inspection-item-registered.v1';
import { InspectionItemUpdated } from '#events/directory/inspection-item-updated.v1';
import { InspectorRegistered } from '#events/directory/inspector-registered.v1';
import { InspectorUpdated } from '#events/directory/inspector-updated.v1';
import type { agencyState, entityState, inspectionItemState, inspectorState } from '#events/directory/values';
import type { EventDefinition } from '#events/stored-event';
import type { HeadIndex } from '#records/ports';
import {
  AGENCY_STREAMS,
  agencyIndex,
  entityIndex,
  entityStream,
  inspectionItemIndex,
  inspectionItemStream,
  inspectorIndex,
  inspectorStream,
} from '../adapters/table-layout.ts';

export type AgencyState = z.infer<typeof agencyState>;
export type EntityState = z.infer<typeof entityState>;
export type InspectorState = z.infer<typeof inspectorState>;
export type InspectionItemState = z.infer<typeof inspectionItemState>;

/**
 * The three directories differ only in keys and event types; each record is a stream whose head carries
 * the current state and the index keys its lists need.
 */
export interface RecordKind<S> {
  label: string;
  idField: keyof S & string;
  /** Where the record lives. Items of the catalog are national; entities and inspectors belong to an agency. */
  stream(agency: string, id: string): string;
  index(agency: string, state: S): HeadIndex;
  /** Whether a principal of `agency` may see a record owned by `owner`. */
  visibleTo(agency: string, owner: string, state: S): boolean;
  registered: EventDefinition;
  updated: EventDefinition;
}

export const entityKind: RecordKind<EntityState> = {
  label: 'Entity',
  idField: 'uscc',
  stream: entityStream,
  index: entityIndex,
  visibleTo: (agency, owner) => agency === owner,
  registered: EntityRegistered,
  updated: EntityUpdated,
};

export const inspectorKind: RecordKind<InspectorState> = {
  label: 'Inspector',
  idField: 'id',
  stream: inspectorStream,
  index: inspectorIndex,
  visibleTo: (agency, owner) => agency === owner,
  registered: InspectorRegistered,
  updated: InspectorUpdated,
};

/** 检查事项 come from a national catalog: one record per code, visible to the agencies that own it. */
export const inspectionItemKind: RecordKind<InspectionItemState> = {
  label: 'Inspection item',
  idField: 'code',
  stream: (_agency, code) => inspectionItemStream(code),
  index: (_agency, s) => inspectionItemIndex(s),
  visibleTo: (agency, _owner, s) => s.owningAgencies.includes(agency),
  registered: InspectionItemRegistered,
  updated: InspectionItemUpdated,
};

/**
 * Agencies (执法部门) name themselves: each agency's admin registers its own code's name and region once, and the
 * public reads them (the disclosure site shows names, not codes). One national list, readable by everyone.
 */
export const agencyKind: RecordKind<AgencyState> = {
  label: 'Agency',
  idField: 'code',
  stream: (_agency, code) => `${AGENCY_STREAMS}${code}`,
  index: (_agency, s) => agencyIndex(s),
  visibleTo: (agency, owner) => agency === owner,
  registered: AgencyRegistered,
  updated: AgencyUpdated,
};
