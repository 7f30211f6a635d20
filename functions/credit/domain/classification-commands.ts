import pLimit from 'p-limit';
import { agencies } from '#directory/adapters/table-layout';
import type { Actor } from '#records/domain/recorded-event';
import type { StoredRecord } from '#records/ports';
import { NotFoundError, StateConflictError, VersionConflictError } from '#shared/errors';
import { untilDone } from '#shared/retry';
import { classesOf, classIndex, classStream } from '../adapters/table-layout.ts';
import type { CreditDeps } from '../ports.ts';
import { type ClassState, type ReclassificationCause, reclassify } from './classification.ts';
import { creditFactsAbout } from './credit-reads.ts';
import { creditProfile } from './profile.ts';

const RECLASSIFIER = (agency: string): Actor => ({ id: 'credit-reclassification', role: 'system', agency });

/**
 * Re-classifies one entity of an agency's directory as of today: computes its profile and records
 * `Credit.ClassChanged` when the class differs from the one recorded (or none was). Two re-classifications of the same
 * entity at once (two facts arriving together) both read the same head; the later append fails on its version and
 * computes again from the facts as they are then, so the class recorded last is always the class of all the facts.
 * An entity no longer in the directory is skipped (undefined).
 */
export async function reclassifyEntity(
  deps: CreditDeps,
  subject: { agency: string; uscc: string },
  cause: ReclassificationCause,
  correlationId: string,
): Promise<{ state: ClassState; changed: boolean } | undefined> {
  let outcome: { state: ClassState; changed: boolean } | undefined;
  const left = await untilDone(
    [subject],
    async () => {
      let head: Awaited<ReturnType<typeof deps.reader.get<ClassState>>>;
      let facts: Awaited<ReturnType<typeof creditFactsAbout>>;
      try {
        [head, facts] = await Promise.all([
          deps.reader.get<ClassState>(classStream(subject.agency, subject.uscc)),
          creditFactsAbout(deps, subject.agency, subject.uscc),
        ]);
      } catch (error) {
        if (error instanceof NotFoundError) return [];
        throw error;
      }
      const next = reclassify(head?.state, creditProfile(facts, deps.today(), undefined, deps.settings.profile), subject, cause);
      if (next === undefined) {
        outcome = head === undefined ? undefined : { state: head.state, changed: false };
        return [];
      }
      try {
        await deps.store.append({
          stream: classStream(subject.agency, subject.uscc),
          expectedVersion: head?.version ?? 0,
          ...(head === undefined ? {} : { prevHash: head.lastHash }),
          events: next.events,
          actor: RECLASSIFIER(subject.agency),
          agency: subject.agency,
          correlationId,
          head: { state: next.state, index: classIndex(next.state) },
        });
      } catch (error) {
        if (error instanceof VersionConflictError) return [subject];
        throw error;
      }
      outcome = { state: next.state, changed: true };
      return [];
    },
    { attempts: 5, firstPauseMs: 20 },
  );
  if (left.length > 0) throw new StateConflictError(`The class of ${subject.uscc} kept changing under its re-classification; try again.`);
  return outcome;
}

/** The monthly run's day: the first of each month, on the regulator's calendar. */
export const isReclassificationDay = (today: string) => today.endsWith('-01');

/** How many entities the monthly run re-classifies side by side. */
const MONTHLY_CONCURRENCY = 8;

export interface RunTotals {
  agencies: number;
  entities: number;
  changed: number;
  failed: number;
}
/** Where a handed-over run continues: the agency it was in, and where in that agency's class list. */
export interface RunCursor {
  agency: string;
  classCursor?: string;
}

/**
 * The monthly re-classification (the national system re-classifies monthly): every classified entity of every
 * agency, as of today, so that decay moves a class across its line without a new fact (entities never classified have
 * no fact that could decay). It goes agency by agency, a page of 100 class heads at a time, and stops between pages
 * once `timeIsUp()` says the invocation's budget is spent, answering where to continue (`next`); `from` resumes there.
 * A failure of one entity is counted and left to the next month; the others go on.
 */
export async function reclassifyMonthly(
  deps: CreditDeps,
  correlationId: string,
  options: { timeIsUp?: () => boolean; from?: RunCursor; concurrency?: number } = {},
): Promise<{ totals: RunTotals; next?: RunCursor }> {
  const totals: RunTotals = { agencies: 0, entities: 0, changed: 0, failed: 0 };
  const limit = pLimit(options.concurrency ?? MONTHLY_CONCURRENCY);
  const codes: string[] = [];
  for await (const agency of pagesOf<{ code: string }>(deps, agencies())) codes.push(agency.state.code);
  codes.sort();
  const one = async (head: StoredRecord<ClassState>) => {
    totals.entities += 1;
    try {
      const outcome = await reclassifyEntity(
        deps,
        { agency: head.state.agency, uscc: head.state.uscc },
        { kind: 'monthly' },
        correlationId,
      );
      if (outcome?.changed === true) totals.changed += 1;
    } catch {
      totals.failed += 1;
    }
  };
  for (const code of codes.filter((c) => options.from === undefined || c >= options.from.agency)) {
    totals.agencies += 1;
    const stopped = await agencyPages(
      deps,
      code,
      code === options.from?.agency ? options.from.classCursor : undefined,
      (page) => Promise.all(page.map((head) => limit(() => one(head)))),
      options.timeIsUp,
    );
    if (stopped === undefined) continue;
    if (stopped.classCursor !== undefined) return { totals, next: { agency: code, classCursor: stopped.classCursor } };
    const following = codes[codes.indexOf(code) + 1];
    return following === undefined ? { totals } : { totals, next: { agency: following } };
  }
  return { totals };
}

/**
 * An agency's class heads a page at a time from `cursor`, each page handed to `work`; undefined when the list is done,
 * or where it stopped (`classCursor` undefined: at the list's end) once `timeIsUp()` after a page.
 */
async function agencyPages(
  deps: CreditDeps,
  agency: string,
  from: string | undefined,
  work: (page: StoredRecord<ClassState>[]) => Promise<unknown>,
  timeIsUp?: () => boolean,
): Promise<{ classCursor?: string } | undefined> {
  let cursor = from;
  do {
    const page = await deps.reader.list<ClassState>({ ...classesOf(agency), limit: 100, ...(cursor ? { cursor } : {}) });
    await work(page.items);
    cursor = page.cursor;
    if (timeIsUp?.() === true) return cursor === undefined ? {} : { classCursor: cursor };
  } while (cursor !== undefined);
  return undefined;
}

/** Every head of a list, a page at a time. */
async function* pagesOf<S>(deps: CreditDeps, list: { index: 'gsi1'; partition: string }): AsyncGenerator<StoredRecord<S>> {
  let cursor: string | undefined;
  do {
    const page = await deps.reader.list<S>({ ...list, limit: 100, ...(cursor ? { cursor } : {}) });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}
