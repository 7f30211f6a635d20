import type { StreamFold } from '#records/domain/stream-fold';
import { foldRecord } from './directory-commands.ts';
import { evolveImport, type ImportJob } from './entity-import.ts';
import { agencyKind, entityKind, inspectionItemKind, inspectorKind, type RecordKind } from './record-kinds.ts';

const recordFold = <S>(kind: RecordKind<S>): StreamFold => ({
  prefix: `${kind.stream('agency', 'id').split('/')[0]}/`,
  fold: (events) => foldRecord(kind, events),
});

/** The directory's kinds of stream and how each folds (DESIGN §4). */
export const directoryFolds: readonly StreamFold[] = [
  recordFold(agencyKind),
  recordFold(entityKind),
  recordFold(inspectorKind),
  recordFold(inspectionItemKind),
  { prefix: 'entity-import/', fold: (events) => events.reduce<ImportJob | undefined>(evolveImport, undefined) },
];
