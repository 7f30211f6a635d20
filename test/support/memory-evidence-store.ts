import { createHash } from 'node:crypto';
import type { EvidenceStore, UploadTicket } from '#shared/evidence/ports';

/** An evidence store in memory for unit tests: `put` stands in for the client's PUT to the upload URL. */
export class MemoryEvidenceStore implements EvidenceStore {
  readonly files = new Map<string, { body: Buffer; contentType: string }>();

  async uploadUrl(key: string, contentType: string): Promise<UploadTicket> {
    return { url: `memory://${key}`, method: 'PUT', headers: { 'content-type': contentType }, expiresAt: '2099-01-01T00:00:00Z' };
  }

  async downloadUrl(key: string) {
    return { url: `memory://${key}`, expiresAt: '2099-01-01T00:00:00Z' };
  }

  async inspect(key: string) {
    const found = this.files.get(key);
    if (found === undefined) return undefined;
    return { sha256: createHash('sha256').update(found.body).digest('hex'), size: found.body.length, contentType: found.contentType };
  }

  async remove(key: string) {
    this.files.delete(key);
  }

  put(key: string, body: Buffer | string, contentType = 'image/jpeg') {
    this.files.set(key, { body: Buffer.from(body), contentType });
  }
}
