import { LocalEvidenceStore } from './local-evidence-store.ts';
import type { EvidenceStore } from './ports.ts';
import { S3EvidenceStore } from './s3-evidence-store.ts';

/** S3 in AWS; in the local runtime a folder and signed upload tickets served by the runtime itself. */
export function evidenceStore(env: Record<string, string | undefined> = process.env): EvidenceStore {
  const bucket = env.EVIDENCE_BUCKET;
  if (bucket !== undefined && bucket !== '') return new S3EvidenceStore(bucket);
  const dir = env.EVIDENCE_DIR;
  if (dir === undefined) throw new Error('EVIDENCE_BUCKET or EVIDENCE_DIR must be set');
  return new LocalEvidenceStore(dir, env.LOCAL_PUBLIC_URL ?? '', env.LOCAL_UPLOAD_SECRET ?? '');
}
