/** An upload URL for one file: the client PUTs exactly that type and size to it. */
export interface UploadTicket {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/**
 * Where evidence files go (inspections' photos, a case's lists of sealed or seized goods): S3 in AWS (presigned PUT),
 * a folder under .data/ in the local runtime. The server hashes what arrived; the SHA-256 goes in the event.
 */
export interface EvidenceStore {
  uploadUrl(key: string, contentType: string, size: number): Promise<UploadTicket>;
  /** A short-lived URL that answers the stored file (a presigned GET on S3). */
  downloadUrl(key: string): Promise<{ url: string; expiresAt: string }>;
  /** What was uploaded under `key`, hashed by the server; undefined when nothing is there. */
  inspect(key: string): Promise<{ sha256: string; size: number; contentType: string } | undefined>;
  remove(key: string): Promise<void>;
}
