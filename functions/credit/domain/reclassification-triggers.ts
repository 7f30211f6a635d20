import { caseStream } from '#cases/adapters/table-layout';
import { DecisionRevoked, PenaltyDecided } from '#events/cases/case-events.v1';
import { EntityListed, ListingRemoved, ObjectionDecided, OverrideDecided, RepairGranted } from '#events/credit/credit-events.v1';
import { EntityUpdated } from '#events/directory/entity-updated.v1';
import { usccFormat } from '#events/directory/values';
import { ExternalInspectionResult, ExternalPenaltyDecision } from '#events/external/external-events.v1';
import { InspectionCompleted } from '#events/inspections/inspection-events.v1';
import type { HeadReader } from '#records/ports';

interface Delivered {
  stream: string;
  type: string;
  data: unknown;
  agency?: string | undefined;
  actor: { agency: string };
}

/**
 * The entity (and the agency whose profile of it) an event is about, or undefined when it changes no credit fact.
 * Each event's data is parsed with its own schema (the bus is a boundary); where the data does not name the entity,
 * the head of the event's stream does (a case's, a listing's).
 */
export async function subjectOf(event: Delivered, reader: Pick<HeadReader, 'get'>): Promise<{ agency: string; uscc: string } | undefined> {
  const agency = event.agency ?? event.actor.agency;
  const about = (uscc: string | undefined) => (uscc === undefined ? undefined : { agency, uscc });
  const headOf = async <S>(stream: string) => (await reader.get<S>(stream))?.state;
  switch (event.type) {
    case InspectionCompleted.DETAIL_TYPE:
      return about(InspectionCompleted.data.parse(event.data).entity);
    case EntityListed.DETAIL_TYPE:
      return about(EntityListed.data.parse(event.data).uscc);
    case OverrideDecided.DETAIL_TYPE:
      return about(OverrideDecided.data.parse(event.data).uscc);
    case ObjectionDecided.DETAIL_TYPE:
      return about(ObjectionDecided.data.parse(event.data).uscc);
    case RepairGranted.DETAIL_TYPE:
      return about(RepairGranted.data.parse(event.data).uscc);
    case EntityUpdated.DETAIL_TYPE: {
      const d = EntityUpdated.data.parse(event.data);
      return d.changes.creditClass === undefined ? undefined : about(d.uscc);
    }
    case ListingRemoved.DETAIL_TYPE:
      ListingRemoved.data.parse(event.data);
      return about((await headOf<{ uscc: string }>(event.stream))?.uscc);
    case PenaltyDecided.DETAIL_TYPE:
    case DecisionRevoked.DETAIL_TYPE:
      (event.type === PenaltyDecided.DETAIL_TYPE ? PenaltyDecided : DecisionRevoked).data.parse(event.data);
      return about((await headOf<{ entity: string }>(event.stream))?.entity);
    case ExternalInspectionResult.DETAIL_TYPE:
    case ExternalPenaltyDecision.DETAIL_TYPE: {
      (event.type === ExternalInspectionResult.DETAIL_TYPE ? ExternalInspectionResult : ExternalPenaltyDecision).data.parse(event.data);
      // external/<agency>/<subject>: an entity's credit code, or one of the agency's cases.
      const subject = event.stream.slice(event.stream.lastIndexOf('/') + 1);
      if (usccFormat.safeParse(subject).success) return about(subject);
      return about((await headOf<{ entity: string }>(caseStream(subject)))?.entity);
    }
    default:
      return undefined;
  }
}
