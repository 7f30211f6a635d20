/**
 * The inspection's life on the record (掌上执法), one file per event type and version beside this one; this module
 * lists them for the modules that import several.
 */

export { AnswersRecorded } from './answers-recorded.v1.ts';
export { CaseClueRaised } from './case-clue-raised.v1.ts';
export { EvidenceRecorded } from './evidence-recorded.v1.ts';
export { FindingRecorded } from './finding-recorded.v1.ts';
export { InspectionCompleted } from './inspection-completed.v1.ts';
export { InspectionCorrected } from './inspection-corrected.v1.ts';
export { InspectionStarted } from './inspection-started.v1.ts';
export { ResultRecorded } from './result-recorded.v1.ts';
