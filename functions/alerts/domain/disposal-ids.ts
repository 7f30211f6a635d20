import { CASE_STREAMS } from '#cases/adapters/table-layout';
import { INSPECTION_STREAMS } from '#inspections/adapters/table-layout';

/**
 * The ids of what an alert's disposal opens, made from the alert's id and the disposal's number: the other contexts
 * create them under these ids, so an event's stream alone says whether it came from an alert (no read for the rest).
 */
const ALERT_ID = 'alert-[0-9a-f]{20}';
const TARGETED = new RegExp(`^${ALERT_ID}~\\d+$`);
const CLUE = new RegExp(`^case-${ALERT_ID}-\\d+$`);

/** A targeted inspection (定向检查) the alert's n-th disposal ordered. */
export const targetedInspectionId = (alertId: string, disposal: number) => `${alertId}~${disposal}`;
/** The case clue the alert's n-th disposal opened. */
export const caseClueId = (alertId: string, disposal: number) => `case-${alertId}-${disposal}`;

export const isTargetedInspection = (stream: string) =>
  stream.startsWith(INSPECTION_STREAMS) && TARGETED.test(stream.slice(INSPECTION_STREAMS.length));
export const isCaseClue = (stream: string) => stream.startsWith(CASE_STREAMS) && CLUE.test(stream.slice(CASE_STREAMS.length));
