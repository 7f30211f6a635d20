import type { EventStore } from '#records/ports';

export interface UploadTicket {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** Where evidence files go: S3 in AWS (presigned PUT), a folder under .data/ in the local runtime. */
export interface EvidenceStore {
  uploadUrl(key: string, contentType: string, size: number): Promise<UploadTicket>;
  /** A short-lived URL that answers the stored file (a presigned GET on S3). */
  downloadUrl(key: string): Promise<{ url: string; expiresAt: string }>;
  /** What was uploaded under `key`, hashed by the server; undefined when nothing is there. */
  inspect(key: string): Promise<{ sha256: string; size: number; contentType: string } | undefined>;
  remove(key: string): Promise<void>;
}

export interface InspectionDeps {
  store: EventStore;
  evidence: EvidenceStore;
  clock: () => Date;
}
