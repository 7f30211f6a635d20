import type { AccessLog } from '../ports.ts';

/**
 * A read refused because the record is another agency's (it answers 404, never 403: OWASP API1) goes on the access
 * log as denied, under the record's agency and the reader's: an agency sees who probed its records, and the reader's
 * admin sees the probing (人员风险) without the reader learning that the record exists.
 */
export async function logDeniedRead(
  access: Pick<AccessLog, 'record'>,
  reader: { id: string; role: string; agency: string },
  record: { stream: string; agency: string; caseId?: string },
  what: string,
): Promise<void> {
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
}
