import type { StreamFold } from '#records/domain/stream-fold';
import { foldCase } from './case-record.ts';
import { evolvePublication, type Publication, publicationStream } from './decision-publicity.ts';
import { caseStream } from './workflows.ts';

const prefixOf = (stream: string) => `${stream.split('/')[0]}/`;

/** The cases context's kinds of stream and how each folds (DESIGN §4). */
export const caseFolds: readonly StreamFold[] = [
  {
    prefix: prefixOf(caseStream('id')),
    // The region is the entity's when the case was opened; CaseOpened does not record it, so the head's copy is used.
    fold: (events, head) =>
      foldCase(events, { agency: head.agency, jurisdiction: (head.state as { jurisdiction?: string } | undefined)?.jurisdiction ?? '' }),
  },
  { prefix: prefixOf(publicationStream('id')), fold: (events) => events.reduce<Publication | undefined>(evolvePublication, undefined) },
];
