import { defineEvent } from '../stored-event.ts';
import { evidence, SOURCE } from './values.ts';

export const EvidenceRecorded = defineEvent(SOURCE, 'Inspections.EvidenceRecorded', 1, () => evidence, {
  evidenceId: 'ev-1',
  kind: 'photo',
  sha256: 'a'.repeat(64),
  size: 204_800,
  contentType: 'image/jpeg',
  capturedAt: '2026-04-02T02:10:00.000Z',
  key: 'evidence/task-1~X/ev-1',
});
