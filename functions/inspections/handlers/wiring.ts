import { DynamoDbEventStore } from '#records/adapters/dynamodb-event-store';
import { dynamodb, tableName } from '#shared/dynamodb';
import { DynamoDbInspectionReads } from '../adapters/dynamodb-inspection-reads.ts';
import { LocalEvidenceStore } from '../adapters/local-evidence-store.ts';
import { S3EvidenceStore } from '../adapters/s3-evidence-store.ts';
import type { EvidenceStore, InspectionDeps } from '../ports.ts';

/** The context's adapters, built on first use (so that the environment the function runs with is read). */
let built: InspectionDeps | undefined;
let inspectionReads: DynamoDbInspectionReads | undefined;
export const reads = () => {
  inspectionReads ??= new DynamoDbInspectionReads(dynamodb(), tableName());
  return inspectionReads;
};
export const wired = (): InspectionDeps => {
  built ??= {
    store: new DynamoDbEventStore(dynamodb(), tableName()),
    evidence: evidenceStore(),
    clock: () => new Date(),
  };
  return built;
};

/** S3 in AWS; in the local runtime a folder and signed upload tickets served by the runtime itself. */
export function evidenceStore(): EvidenceStore {
  const bucket = process.env.EVIDENCE_BUCKET;
  if (bucket !== undefined && bucket !== '') return new S3EvidenceStore(bucket);
  const dir = process.env.EVIDENCE_DIR;
  if (dir === undefined) throw new Error('EVIDENCE_BUCKET or EVIDENCE_DIR must be set');
  return new LocalEvidenceStore(dir, process.env.LOCAL_PUBLIC_URL ?? '', process.env.LOCAL_UPLOAD_SECRET ?? '');
}
