import { inspectionStream } from '#inspections/adapters/table-layout';

/** The streams of a case's timeline, in order: the inspection it came from (if any), then the case itself. */
export function timelineStreams(caseStream: string, source: { kind: string; ref: string }): string[] {
  return source.kind === 'inspection' && source.ref !== '' ? [inspectionStream(source.ref), caseStream] : [caseStream];
}
