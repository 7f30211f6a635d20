import { createHash } from 'node:crypto';
import type { EvidenceStore, UploadTicket } from './ports.ts';

const TICKET_SECONDS = 15 * 60;

/**
 * Evidence in the S3 bucket: a presigned PUT whose signature covers the content type and length, so the client
 * can upload only that file; the server hashes what arrived. The S3 client is loaded on first use.
 */
export class S3EvidenceStore implements EvidenceStore {
  private s3: Promise<typeof import('@aws-sdk/client-s3')> | undefined;
  private client: InstanceType<typeof import('@aws-sdk/client-s3')['S3Client']> | undefined;

  constructor(private readonly bucket: string) {}

  private async sdk() {
    this.s3 ??= import('@aws-sdk/client-s3');
    const s3 = await this.s3;
    this.client ??= new s3.S3Client({});
    return { s3, client: this.client };
  }

  async uploadUrl(key: string, contentType: string, size: number): Promise<UploadTicket> {
    const { s3, client } = await this.sdk();
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const url = await getSignedUrl(
      client,
      new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: contentType, ContentLength: size }),
      {
        expiresIn: TICKET_SECONDS,
        signableHeaders: new Set(['content-type', 'content-length']),
      },
    );
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': contentType },
      expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000).toISOString(),
    };
  }

  async downloadUrl(key: string): Promise<{ url: string; expiresAt: string }> {
    const { s3, client } = await this.sdk();
    const { getSignedUrl } = await import('@aws-sdk/s3-request-presigner');
    const url = await getSignedUrl(client, new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: TICKET_SECONDS });
    return { url, expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000).toISOString() };
  }

  async inspect(key: string): Promise<{ sha256: string; size: number; contentType: string } | undefined> {
    const { s3, client } = await this.sdk();
    try {
      const object = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        size += chunk.length;
      }
      return { sha256: hash.digest('hex'), size, contentType: object.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
