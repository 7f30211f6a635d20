import type { EVIDENCE_KINDS } from '#events/inspections/values';
import { RuleViolationError } from '#shared/errors';

type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

const MB = 1024 * 1024;

/** What each kind of evidence may be. A refused upload is refused before anything is stored. */
export const EVIDENCE_POLICY: Record<EvidenceKind, { types: readonly string[]; maxBytes: number }> = {
  photo: { types: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 10 * MB },
  file: { types: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 20 * MB },
  signature: { types: ['image/png'], maxBytes: 1 * MB },
};

export function checkUpload(kind: EvidenceKind, contentType: string, size: number): void {
  const policy = EVIDENCE_POLICY[kind];
  if (!policy.types.includes(contentType)) {
    throw new RuleViolationError('contentType', `a ${kind} must be ${policy.types.join(', ')}; ${contentType} is not accepted`);
  }
  if (size > policy.maxBytes) {
    throw new RuleViolationError('size', `a ${kind} may be at most ${policy.maxBytes / MB} MB; this one is ${(size / MB).toFixed(1)} MB`);
  }
}

export const evidenceKey = (inspectionId: string, evidenceId: string) => `evidence/${inspectionId}/${evidenceId}`;
