import { caseHeads, caseLists, publicationHeads, publicDecisionsOfLists } from '#cases/adapters/table-layout';
import { agencyList, entityHeads, entityLists } from '#directory/adapters/table-layout';
import { EXTERNAL_STREAMS } from '#ingest/adapters/table-layout';
import { inspectionHeads, inspectionLists } from '#inspections/adapters/table-layout';
import { accessLogs, shardOf, streamKeyPrefix, type TableAccess } from '#records/adapters/table-layout';

/**
 * The credit context's table layout (STYLE §11). A profile is computed from other contexts' records, read through
 * their layouts (imported where they are used): the entity's head, the agency's inspections and cases of the entity, and what other departments
 * reported about it. Its own streams: listings and each entity's class (objections and repairs will follow).
 */
/** A listing on the abnormal-operations or the serious list: a stream of its own, listed by entity. */
export const LISTING_STREAMS = 'credit-listing/';
export const listingStream = (listingId: string) => `${LISTING_STREAMS}${listingId}`;
const LISTINGS = 'LISTING#';
/** The listings in force of one entity, every agency's (the public entity page). */
const PUBLIC_LISTINGS = 'PUBLIC#LISTING#';

/**
 * The clock index the daily sweep reads: a procedure's stream at its next open deadline, spread over 16 partitions by
 * a hash of the stream (as the cases' clock index).
 */
const CLOCKS = 'CLOCK#credit';
const CLOCK_SHARDS = 16;
const clockPartition = (stream: string) => `${CLOCKS}#${shardOf(stream, CLOCK_SHARDS)}`;
const onClock = (stream: string, nextDue: string | undefined): Record<string, string> =>
  nextDue === undefined ? {} : { gsi3pk: clockPartition(stream), gsi3sk: `${nextDue}#${stream}` };
/** The clock partitions, each read up to `day`. */
export const creditClocksDueBy = (day: string) =>
  Array.from({ length: CLOCK_SHARDS }, (_, i) => ({
    index: 'gsi3' as const,
    partition: `${CLOCKS}#${String(i).padStart(2, '0')}`,
    upTo: `${day}~`,
  }));

/**
 * What waits for a decision of the agency (objections and repairs to accept or decide, class overrides to decide): one
 * list per agency, by the day each is due (an override, which has no statutory period, by the day it was asked for).
 * A head leaves it when decided. The console's "my work" reads it (`GET /credit/requests`).
 */
const PENDING = 'CREDIT-PENDING#';
const onPending = (agency: string, stream: string, due: string | undefined): Record<string, string> =>
  due === undefined ? {} : { gsi2pk: `${PENDING}${agency}`, gsi2sk: `${due}#${stream}` };
/** The agency's requests waiting for a decision, the earliest due first. */
export const pendingOf = (agency: string) => ({ index: 'gsi2' as const, partition: `${PENDING}${agency}` });

/**
 * A listing's head: by entity, on the public list of the entity's listings while in force, and on the clock index while
 * a deadline of its removal application runs.
 */
export const listingIndex = (
  s: { agency: string; uscc: string; on: string; listingId: string; removed?: unknown },
  nextDue?: string,
): Record<string, string> => ({
  gsi1pk: `${LISTINGS}${s.agency}#${s.uscc}`,
  gsi1sk: `${s.on}#${s.listingId}`,
  ...(s.removed === undefined ? { gsi2pk: `${PUBLIC_LISTINGS}${s.uscc}`, gsi2sk: `${s.on}#${s.listingId}` } : {}),
  ...onClock(listingStream(s.listingId), nextDue),
});
/** The listings in force of an entity, every agency's. */
export const publicListingsOf = (uscc: string) => ({ index: 'gsi2' as const, partition: `${PUBLIC_LISTINGS}${uscc}` });
/** An agency's listings of one entity. */
export const listingsAbout = (agency: string, uscc: string) => ({ index: 'gsi1' as const, partition: `${LISTINGS}${agency}#${uscc}` });

/**
 * An entity's class as the agency's re-classifications left it: a stream per entity and agency (its events are
 * `Credit.ClassChanged`; its version is the profile version a draw cites), and the agency's list of them, which the
 * draw reads whole when it freezes a task's population.
 */
export const CLASS_STREAMS = 'credit-class/';
export const classStream = (agency: string, uscc: string) => `${CLASS_STREAMS}${agency}/${uscc}`;
const CLASSES = 'CLASS#';
export const classIndex = (s: { agency: string; uscc: string }) => ({ gsi1pk: `${CLASSES}${s.agency}`, gsi1sk: s.uscc });
/** An agency's class heads, one per entity that has been classified. */
export const classesOf = (agency: string) => ({ index: 'gsi1' as const, partition: `${CLASSES}${agency}` });
/** What a reader of the agency's classes (the draw) may read. */
export const classLists = () => CLASSES;

/** A class override (人工调整): a stream of its own, listed by entity. */
export const OVERRIDE_STREAMS = 'credit-override/';
export const overrideStream = (overrideId: string) => `${OVERRIDE_STREAMS}${overrideId}`;
const OVERRIDES = 'OVERRIDE#';
export const overrideIndex = (s: { agency: string; uscc: string; on: string; overrideId: string; decided?: unknown }) => ({
  gsi1pk: `${OVERRIDES}${s.agency}#${s.uscc}`,
  gsi1sk: `${s.on}#${s.overrideId}`,
  ...onPending(s.agency, overrideStream(s.overrideId), s.decided === undefined ? s.on : undefined),
});
/** An agency's overrides of one entity. */
export const overridesAbout = (agency: string, uscc: string) => ({ index: 'gsi1' as const, partition: `${OVERRIDES}${agency}#${uscc}` });

/** An objection (异议): a stream of its own, listed by entity, on the clock index while a deadline of it runs. */
export const OBJECTION_STREAMS = 'credit-objection/';
export const objectionStream = (objectionId: string) => `${OBJECTION_STREAMS}${objectionId}`;
const OBJECTIONS = 'OBJECTION#';
export const objectionIndex = (
  s: { agency: string; uscc: string; on: string; objectionId: string },
  nextDue?: string,
  pendingDue?: string,
) => ({
  gsi1pk: `${OBJECTIONS}${s.agency}#${s.uscc}`,
  gsi1sk: `${s.on}#${s.objectionId}`,
  ...onClock(objectionStream(s.objectionId), nextDue),
  ...onPending(s.agency, objectionStream(s.objectionId), pendingDue),
});
/** An agency's objections about one entity. */
export const objectionsAbout = (agency: string, uscc: string) => ({ index: 'gsi1' as const, partition: `${OBJECTIONS}${agency}#${uscc}` });

/** A repair (信用修复) application: a stream of its own, listed by entity, on the clock index while a deadline of it runs. */
export const REPAIR_STREAMS = 'credit-repair/';
export const repairStream = (repairId: string) => `${REPAIR_STREAMS}${repairId}`;
const REPAIRS = 'REPAIR#';
export const repairIndex = (s: { agency: string; uscc: string; on: string; repairId: string }, nextDue?: string, pendingDue?: string) => ({
  gsi1pk: `${REPAIRS}${s.agency}#${s.uscc}`,
  gsi1sk: `${s.on}#${s.repairId}`,
  ...onClock(repairStream(s.repairId), nextDue),
  ...onPending(s.agency, repairStream(s.repairId), pendingDue),
});
/** An agency's repair applications of one entity. */
export const repairsAbout = (agency: string, uscc: string) => ({ index: 'gsi1' as const, partition: `${REPAIRS}${agency}#${uscc}` });

/** A month's re-classification run (its hand-overs and its completion). */
export const RUN_STREAMS = 'credit-run/';
export const runStream = (month: string) => `${RUN_STREAMS}${month}`;

export const creditAccess = (): TableAccess => ({
  read: [
    streamKeyPrefix(LISTING_STREAMS),
    LISTINGS,
    streamKeyPrefix(CLASS_STREAMS),
    CLASSES,
    CLOCKS,
    streamKeyPrefix(OVERRIDE_STREAMS),
    OVERRIDES,
    streamKeyPrefix(OBJECTION_STREAMS),
    OBJECTIONS,
    streamKeyPrefix(REPAIR_STREAMS),
    REPAIRS,
    streamKeyPrefix(RUN_STREAMS),
    PENDING,
    publicationHeads(),
    PUBLIC_LISTINGS,
    publicDecisionsOfLists(),
    agencyList(),
    entityHeads(),
    entityLists(),
    inspectionHeads(),
    inspectionLists(),
    caseHeads(),
    caseLists(),
    streamKeyPrefix(EXTERNAL_STREAMS),
  ],
  write: [
    streamKeyPrefix(LISTING_STREAMS),
    streamKeyPrefix(CLASS_STREAMS),
    streamKeyPrefix(OVERRIDE_STREAMS),
    streamKeyPrefix(OBJECTION_STREAMS),
    streamKeyPrefix(REPAIR_STREAMS),
    streamKeyPrefix(RUN_STREAMS),
    ...accessLogs(),
  ],
});
