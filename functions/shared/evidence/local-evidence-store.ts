import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { EvidenceStore, UploadTicket } from './ports.ts';

const TICKET_SECONDS = 15 * 60;

export interface Claim {
  /** An upload ticket cannot be used to download, nor the other way round. */
  op: 'put' | 'get';
  key: string;
  contentType: string;
  size: number;
  exp: number;
}

/**
 * The local runtime's stand-in for S3: upload URLs are signed tickets for PUT /_local/uploads/{ticket}, limited
 * to one key, type and size, and files land in a folder (under .data/ unless --in-memory); download URLs are
 * tickets for GET /_local/evidence/{ticket}, limited to one key.
 */
export class LocalEvidenceStore implements EvidenceStore {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
    readonly secret: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }

  async uploadUrl(key: string, contentType: string, size: number): Promise<UploadTicket> {
    const exp = Math.floor(this.clock().getTime() / 1000) + TICKET_SECONDS;
    const payload = Buffer.from(JSON.stringify({ op: 'put', key, contentType, size, exp } satisfies Claim)).toString('base64url');
    return {
      url: `${this.baseUrl}/_local/uploads/${payload}.${this.sign(payload)}`,
      method: 'PUT',
      headers: { 'content-type': contentType },
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }

  async downloadUrl(key: string): Promise<{ url: string; expiresAt: string }> {
    const exp = Math.floor(this.clock().getTime() / 1000) + TICKET_SECONDS;
    const payload = Buffer.from(JSON.stringify({ op: 'get', key, contentType: '', size: 0, exp } satisfies Claim)).toString('base64url');
    return { url: `${this.baseUrl}/_local/evidence/${payload}.${this.sign(payload)}`, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Checks a ticket as S3 checks a presigned URL; the reason is answered to the client when it does not hold. */
  claim(ticket: string, op: Claim['op'] = 'put'): Claim | string {
    const [payload, signature] = ticket.split('.');
    if (payload === undefined || signature === undefined) return 'not an upload ticket';
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'the upload ticket signature does not match';
    const claim = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claim;
    if (claim.op !== op)
      return op === 'put' ? 'this is a download ticket, not an upload ticket' : 'this is an upload ticket, not a download ticket';
    if (claim.exp * 1000 < this.clock().getTime())
      return `the ${op === 'put' ? 'upload' : 'download'} ticket has expired; ask for a new one`;
    return claim;
  }

  async store(claim: Claim, contentType: string, body: Buffer): Promise<string | undefined> {
    if (contentType !== claim.contentType) return `this upload takes ${claim.contentType}, not ${contentType}`;
    if (body.length !== claim.size) return `this upload takes exactly ${claim.size} bytes, not ${body.length}`;
    const path = this.pathOf(claim.key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, body);
    await writeFile(`${path}.type`, contentType);
    await rename(`${path}.part`, path);
    return undefined;
  }

  /** The stored file and its type, for a download ticket; undefined when nothing is there. */
  async read(key: string): Promise<{ body: Buffer; contentType: string } | undefined> {
    try {
      const [body, contentType] = await Promise.all([readFile(this.pathOf(key)), readFile(`${this.pathOf(key)}.type`, 'utf8')]);
      return { body, contentType };
    } catch {
      return undefined;
    }
  }

  async inspect(key: string): Promise<{ sha256: string; size: number; contentType: string } | undefined> {
    const found = await this.read(key);
    if (found === undefined) return undefined;
    return { sha256: createHash('sha256').update(found.body).digest('hex'), size: found.body.length, contentType: found.contentType };
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
    await rm(`${this.pathOf(key)}.type`, { force: true });
  }

  private pathOf(key: string): string {
    const path = resolve(this.dir, key);
    if (!path.startsWith(resolve(this.dir))) throw new Error('evidence key escapes the evidence folder');
    return join(path);
  }
}
