import type * as z from 'zod';
import type { drawRecord, populationFilter, taskPlan } from '#events/sampling/values';
import type { EventStore } from '#records/ports';

export type TaskPlan = z.infer<typeof taskPlan>;
export type DrawRecord = z.infer<typeof drawRecord>;
export type PopulationFilter = z.infer<typeof populationFilter>;

export interface TaskState extends TaskPlan {
  status: 'planned' | 'drawn';
  createdAt: string;
  draw?: DrawRecord;
  /** Partner agencies that have accepted the joint task. */
  acceptedBy?: string[];
  overdue?: { dueBy: string; flaggedAt: string };
}

export interface StoredTask {
  state: TaskState;
  version: number;
  lastHash: string;
}

export type CreditClass = 'A' | 'B' | 'C' | 'D';

export interface EntityRow {
  uscc: string;
  /** The class the national system gave (the directory's record): the class of an entity never re-classified here. */
  nationalClass: CreditClass;
  flags: string[];
}

/** An entity's class as the credit context last recorded it, and the version of its class stream (the profile version). */
export interface ClassHead {
  class: CreditClass;
  version: number;
}

export interface PoolMember {
  id: string;
  agency: string;
  conflicts: string[];
}

/** What sampling reads from the table (directory records, markers, the secret seed) and where it keeps documents. */
export interface SamplingReads {
  task(taskId: string): Promise<StoredTask | undefined>;
  tasksOf(agency: string, limit: number, cursor?: string): Promise<{ items: TaskState[]; cursor?: string }>;
  publicTasks(limit: number, cursor?: string): Promise<{ items: TaskState[]; cursor?: string }>;
  population(agency: string, filter: PopulationFilter): Promise<EntityRow[]>;
  /** The agency's class heads (credit), by credit code: read whole when a draw freezes its population. */
  classes(agency: string): Promise<Map<string, ClassHead>>;
  /** Codes of these items that the agency owns in the catalog. */
  /** The items of these codes the agency owns, with the size of each one's checklist in bytes of JSON. */
  ownedItems(agency: string, codes: readonly string[]): Promise<Map<string, number>>;
  /** The names of these catalog items (public: the disclosure site shows them), by code; unknown codes are left out. */
  itemNames(codes: readonly string[]): Promise<Map<string, string>>;
  /** Every catalog item the agency owns. */
  ownedItemCodes(agency: string): Promise<string[]>;
  inspectorPool(agencies: readonly string[]): Promise<PoolMember[]>;
  /** Entities already drawn for any of these items in this calendar year, with the item. */
  drawnThisYear(agency: string, items: readonly string[], year: number): Promise<Map<string, string>>;
  /** Inspectors who inspected (or were assigned to) each entity since the given time. */
  recentInspectors(entities: readonly string[], since: string): Promise<Map<string, Set<string>>>;
  seed(taskId: string): Promise<Buffer | undefined>;
  /** The task's assigned inspections as they stand: entity, status, and the result once completed. */
  inspectionResults(task: TaskState): Promise<InspectionOutcome[]>;
}

export interface InspectionOutcome {
  uscc: string;
  name: string;
  status: string;
  result?: string;
  completedAt?: string;
}

export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
}

export interface SamplingDeps {
  store: EventStore;
  reads: SamplingReads;
  blobs: BlobStore;
  clock: () => Date;
  randomBytes: (n: number) => Buffer;
}
