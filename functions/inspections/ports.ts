import type { EventStore } from '#records/ports';
import type { EvidenceStore } from '#shared/evidence/ports';

export type { EvidenceStore, UploadTicket } from '#shared/evidence/ports';

export interface InspectionDeps {
  store: EventStore;
  evidence: EvidenceStore;
  clock: () => Date;
}
