import { NotFoundError } from '#shared/errors';
import { canRead } from '#shared/read-policy';
import type { AccessLog } from '../ports.ts';

/** Who reads: a person of an agency, or an auditor (`auditorOf`: the jurisdiction they read across agencies in). */
export interface RecordReader {
  id: string;
  role: string;
  agency: string;
  auditorOf?: string;
}

/**
 * The read policy applied to one record that exists (DESIGN §5, `canRead`): readable, or a 404 naming `missing`.
 * A read refused because the record is another agency's (404, never 403: OWASP API1) goes on the access log as denied,
 * under the record's agency and the reader's: an agency sees who probed its records, and the reader's admin sees the
 * probing (人员风险) without the reader learning that the record exists.
 */
export async function assertReadable(
  access: Pick<AccessLog, 'record'>,
  reader: RecordReader,
  record: { stream: string; agency: string; region: string; caseId?: string },
  what: string,
  missing: string,
): Promise<void> {
  const viewer = { agency: reader.agency, auditor: reader.auditorOf !== undefined, jurisdiction: reader.auditorOf ?? '' };
  if (canRead(viewer, record)) return;
  await access.record({
    at: new Date().toISOString(),
    reader: reader.id,
    role: reader.role,
    readerAgency: reader.agency,
    record: record.stream,
    recordAgency: record.agency,
    what,
    ...(record.caseId === undefined ? {} : { caseId: record.caseId }),
    denied: true,
  });
  throw new NotFoundError(missing);
}
