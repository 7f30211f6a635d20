import { gunzipSync, gzipSync } from 'node:zlib';
import { PartnerAccepted } from '#events/sampling/partner-accepted.v1';
import { TaskCreated } from '#events/sampling/task-created.v1';
import { TaskDrawn } from '#events/sampling/task-drawn.v1';
import { CREDIT_CLASSES } from '#events/sampling/values';
import type { Actor } from '#records/domain/recorded-event';
import { ForbiddenError, NotFoundError, RuleViolationError, StateConflictError, VersionConflictError } from '#shared/errors';
import { canRead, type Reader } from '#shared/read-policy';
import { DRAW_BLOBS, seedKey, TASK_STREAMS, taskIndex } from '../adapters/table-layout.ts';
import type { DrawRecord, EntityRow, SamplingDeps, StoredTask, TaskPlan, TaskState } from '../ports.ts';
import { sha256Hex, sortByCodeUnit } from './draw.ts';
import type { DrawProof } from './proof.ts';
import { runDraw } from './proof.ts';
import { evolveTask } from './task-fold.ts';

export interface SamplingContext {
  actor: Actor;
  agency: string;
  correlationId: string;
}

/** Who reads: people of the owner and partner agencies; auditors whose jurisdiction covers the task's. */
/** Who reads a task: the shared read policy's reader. */
export type Viewer = Reader;

export const taskStream = (taskId: string) => `${TASK_STREAMS}${taskId}`;
export { seedKey, taskIndex };

/** 行政处罚法 §42: at least two law-enforcement officers per inspection. */
export const MIN_TEAM = 2;

export type NewTask = Omit<TaskPlan, 'id' | 'ownerAgency' | 'commitment' | 'jurisdiction'>;

/** What the checklists of one task's items may weigh together (JSON bytes), so its inspections fit their records. */
export const MAX_TASK_CHECKLIST_BYTES = 150 * 1024;

/** Checks the rules the schema cannot: team size, who may be on a team, known items and agencies, the period. */
async function checkPlan(deps: SamplingDeps, owner: string, task: NewTask): Promise<void> {
  const total = task.teams.reduce((n, t) => n + t.count, 0);
  if (total < MIN_TEAM)
    throw new RuleViolationError('teams', `a team needs at least ${MIN_TEAM} inspectors in total (行政处罚法 §42), not ${total}`);
  if (task.partnerAgencies.includes(owner)) throw new RuleViolationError('partnerAgencies', 'the owning agency is not its own partner');
  const participants = new Set([owner, ...task.partnerAgencies]);
  const outsider = task.teams.find((t) => !participants.has(t.agency));
  if (outsider !== undefined) {
    throw new RuleViolationError('teams', `agency ${outsider.agency} is neither the owner nor a partner of this task`);
  }
  if (new Set(task.teams.map((t) => t.agency)).size !== task.teams.length) throw new RuleViolationError('teams', 'list each agency once');
  if (task.period.start > task.period.end) throw new RuleViolationError('period', 'the period ends before it starts');
  const owned = await deps.reads.ownedItems(owner, task.items);
  const unknownItem = task.items.find((code) => !owned.has(code));
  if (unknownItem !== undefined) {
    throw new RuleViolationError('items', `inspection item ${unknownItem} is not in the catalog of agency ${owner}`);
  }
  // Each assigned inspection carries its items' checklists: together they must fit its record (DynamoDB's 400 KB
  // item), or the draw would succeed and its inspections could never be created.
  const checklistBytes = [...owned.values()].reduce((a, b) => a + b, 0);
  if (checklistBytes > MAX_TASK_CHECKLIST_BYTES) {
    throw new RuleViolationError(
      'items',
      `the checklists of these items take ${Math.ceil(checklistBytes / 1024)} KB; an inspection holds at most ${MAX_TASK_CHECKLIST_BYTES / 1024} KB of them: split the task`,
    );
  }
  const pool = await deps.reads.inspectorPool([...participants]);
  const known = new Set(pool.map((p) => p.agency));
  const unknownAgency = [...participants].find((a) => !known.has(a));
  if (unknownAgency !== undefined) {
    throw new RuleViolationError(
      unknownAgency === owner ? 'teams' : 'partnerAgencies',
      `agency ${unknownAgency} has no registered inspectors`,
    );
  }
}

export async function createTask(deps: SamplingDeps, ctx: SamplingContext & { jurisdiction: string }, task: NewTask): Promise<TaskState> {
  await checkPlan(deps, ctx.agency, task);
  const seed = deps.randomBytes(32);
  const plan: TaskPlan = {
    id: `task-${crypto.randomUUID()}`,
    ownerAgency: ctx.agency,
    jurisdiction: ctx.jurisdiction,
    ...task,
    commitment: sha256Hex(seed),
  };
  const created = { type: TaskCreated.DETAIL_TYPE, version: TaskCreated.VERSION, data: plan, occurredAt: deps.clock().toISOString() };
  const state = evolveTask(undefined, created);
  await deps.store.append({
    stream: taskStream(plan.id),
    expectedVersion: 0,
    events: [created],
    actor: ctx.actor,
    agency: ctx.agency,
    correlationId: ctx.correlationId,
    head: { state, index: taskIndex(state) },
    sideItems: [{ ...seedKey(plan.id), attributes: { seed: seed.toString('hex') } }],
  });
  return state;
}

/** Owner and partners see a joint task, and auditors of its region; anyone else gets a 404 (the read policy). */
export async function readTask(deps: SamplingDeps, viewer: Viewer, taskId: string): Promise<StoredTask> {
  const task = await deps.reads.task(taskId);
  const s = task?.state;
  if (
    task === undefined ||
    s === undefined ||
    !canRead(viewer, { agency: s.ownerAgency, region: s.jurisdiction, partners: s.partnerAgencies })
  )
    throw new NotFoundError(`Sampling task ${taskId}`);
  return task;
}

const matchesFlags = (row: EntityRow, flags: readonly string[] | undefined) => (flags ?? []).every((f) => row.flags.includes(f));

/** The draw's year in China Standard Time (UTC+8): "the same calendar year" is the regulator's. */
export const chinaYear = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * The task's strata, frozen now: each entity's class is the one the credit context last recorded for it (a
 * re-classification runs at once when a fact arrives, and monthly), with the version of its class stream; an entity
 * never re-classified here has no fact that lowers it, and is classed by the class the national system gave it
 * (its profile with no facts, version 0). A later change of class does not move an entity of a drawn task.
 */
async function strataOf(deps: SamplingDeps, task: TaskState, year: number) {
  const [population, classes] = await Promise.all([
    deps.reads.population(task.ownerAgency, task.population),
    deps.reads.classes(task.ownerAgency),
  ]);
  const rows = population.filter((r) => matchesFlags(r, task.population.flags));
  const drawn = await deps.reads.drawnThisYear(task.ownerAgency, task.items, year);
  const classOf = (r: EntityRow) => classes.get(r.uscc)?.class ?? r.nationalClass;
  const strata = CREDIT_CLASSES.map((name) => ({
    name,
    rateBp: task.ratesBp[name],
    population: rows.filter((r) => classOf(r) === name && !drawn.has(r.uscc)).map((r) => r.uscc),
  }));
  const excluded = sortByCodeUnit(rows.filter((r) => drawn.has(r.uscc)).map((r) => r.uscc)).map((entity) => ({
    entity,
    reason: 'drawn-this-year' as const,
    item: drawn.get(entity) as string,
  }));
  return { strata, excluded, classedBy: classedBy(strata, classes) };
}

/** Per stratum, the profile version (class stream version) each member was classed by; members not listed: 0. */
function classedBy(strata: readonly { name: string; population: readonly string[] }[], classes: ReadonlyMap<string, { version: number }>) {
  return {
    basis: CLASSED_BY_BASIS,
    strata: Object.fromEntries(
      strata.map((s) => [
        s.name,
        Object.fromEntries(sortByCodeUnit(s.population.filter((id) => classes.has(id))).map((id) => [id, classes.get(id)?.version ?? 0])),
      ]),
    ),
  };
}

const CLASSED_BY_BASIS =
  'Each entity is in the stratum of its credit class when the draw froze the population (国市监信发〔2022〕6号, 差异化监管): the class its credit profile gave at the version listed (GET /entities/{uscc}/credit/history), or, for an entity not listed, the class the national system gave it (no fact here has lowered it).';

export async function previewTask(deps: SamplingDeps, viewer: Viewer, taskId: string) {
  const { state } = await readTask(deps, viewer, taskId);
  const { strata, excluded } = await strataOf(deps, state, chinaYear(deps.clock()));
  return {
    taskId,
    status: state.status,
    strata: strata.map((s) => ({ name: s.name, rateBp: s.rateBp, size: s.population.length })),
    excludedAsDrawnThisYear: excluded.length,
  };
}

const TWELVE_MONTHS_MS = 365 * 86_400_000;

/**
 * The draw (DESIGN §6): only a supervisor of the owning agency, only once. Conflicts exclude inspectors
 * (declared, or on the same entity within 12 months); the proof and the populations are stored before the
 * event that reveals the seed, so a reader never finds one without the other.
 */
export async function drawTask(deps: SamplingDeps, ctx: SamplingContext, taskId: string, witness: string): Promise<TaskState> {
  const task = await readTask(deps, { agency: ctx.agency, jurisdiction: '', auditor: false }, taskId);
  const plan = task.state;
  if (plan.ownerAgency !== ctx.agency) throw new ForbiddenError(`Only a supervisor of ${plan.ownerAgency} may draw this task.`);
  if (plan.status !== 'planned') throw new StateConflictError(`Task ${taskId} was drawn at ${plan.draw?.drawnAt}; a task is drawn once.`);
  const pending = plan.partnerAgencies.filter((a) => !(plan.acceptedBy ?? []).includes(a));
  if (pending.length > 0) {
    throw new StateConflictError(`Task ${taskId} is a joint task: ${pending.join(', ')} must accept it before the draw.`, { pending });
  }
  const seed = await deps.reads.seed(taskId);
  if (seed === undefined) throw new Error(`the seed of ${taskId} is missing`);
  const now = deps.clock();
  const year = chinaYear(now);
  const { strata, excluded, classedBy } = await strataOf(deps, plan, year);
  const pool = await deps.reads.inspectorPool([...new Set(plan.teams.map((t) => t.agency))]);
  const selectedFirst = runDraw({
    taskId,
    seed,
    witness,
    drawnAt: now.toISOString(),
    strata,
    pool: [],
    teamGroups: [],
    exclusions: { entities: excluded, conflicts: [] },
  }).strata.flatMap((s) => s.selected);
  const recent = await deps.reads.recentInspectors(selectedFirst, new Date(now.getTime() - TWELVE_MONTHS_MS).toISOString());
  const poolIds = new Set(pool.map((p) => p.id));
  const conflicts: DrawProof['exclusions']['conflicts'] = [];
  for (const entity of selectedFirst) {
    for (const p of pool) if (p.conflicts.includes(entity)) conflicts.push({ inspector: p.id, entity, reason: 'declared' });
    for (const id of sortByCodeUnit(recent.get(entity) ?? [])) {
      if (poolIds.has(id) && !conflicts.some((c) => c.inspector === id && c.entity === entity)) {
        conflicts.push({ inspector: id, entity, reason: 'inspected-within-12-months' });
      }
    }
  }
  const proof: DrawProof = {
    ...runDraw({
      taskId,
      seed,
      witness,
      drawnAt: now.toISOString(),
      strata,
      pool: pool.map(({ id, agency }) => ({ id, agency })),
      teamGroups: plan.teams,
      ...(plan.maxAssignmentsPerInspector === undefined ? {} : { maxAssignmentsPerInspector: plan.maxAssignmentsPerInspector }),
      exclusions: { entities: excluded, conflicts },
    }),
    classedBy,
  };
  const drawId = crypto.randomUUID();
  const prefix = `${DRAW_BLOBS}${taskId}/${drawId}`;
  const proofJson = Buffer.from(JSON.stringify(proof));
  await deps.blobs.put(`${prefix}/proof`, gzipSync(proofJson));
  const populationBlobs: Record<string, string> = {};
  for (const stratum of proof.strata) {
    populationBlobs[stratum.name] = `${prefix}/population-${stratum.name}`;
    const ids = sortByCodeUnit(strata.find((s) => s.name === stratum.name)?.population ?? []);
    await deps.blobs.put(populationBlobs[stratum.name] as string, gzipSync(Buffer.from(ids.join('\n'))));
  }
  const draw: DrawRecord = {
    drawId,
    witness,
    seed: proof.seed,
    drawnAt: proof.drawnAt,
    year,
    strata: proof.strata.map(({ name, rateBp, populationHash, size, k }) => ({
      name: name as DrawRecord['strata'][number]['name'],
      rateBp,
      populationHash,
      size,
      k,
    })),
    poolHash: proof.poolHash,
    selectedCount: proof.assignments.length,
    shortfallCount: proof.assignments.filter((a) => a.shortfalls.length > 0).length,
    proofSha256: sha256Hex(proofJson),
    proofBlob: `${prefix}/proof`,
    populationBlobs,
  };
  const drawn = { type: TaskDrawn.DETAIL_TYPE, version: TaskDrawn.VERSION, data: draw };
  const state = evolveTask(plan, drawn);
  try {
    await deps.store.append({
      stream: taskStream(taskId),
      expectedVersion: task.version,
      prevHash: task.lastHash,
      events: [drawn],
      actor: ctx.actor,
      agency: plan.ownerAgency,
      correlationId: ctx.correlationId,
      head: { state, index: taskIndex(state) },
    });
  } catch (error) {
    if (error instanceof VersionConflictError) throw new StateConflictError(`Task ${taskId} was drawn meanwhile; a task is drawn once.`);
    throw error;
  }
  return state;
}

/** A partner agency's supervisor accepts the joint task for it (once; again changes nothing). */
export async function acceptTask(deps: SamplingDeps, ctx: SamplingContext, taskId: string, note: string): Promise<TaskState> {
  const task = await readTask(deps, { agency: ctx.agency, jurisdiction: '', auditor: false }, taskId);
  const plan = task.state;
  if (!plan.partnerAgencies.includes(ctx.agency)) throw new ForbiddenError(`${ctx.agency} is not a partner of task ${taskId}.`);
  if ((plan.acceptedBy ?? []).includes(ctx.agency)) return plan;
  if (plan.status !== 'planned') throw new StateConflictError(`Task ${taskId} was drawn at ${plan.draw?.drawnAt}.`);
  const accepted = { type: PartnerAccepted.DETAIL_TYPE, version: PartnerAccepted.VERSION, data: { agency: ctx.agency, note } };
  const state = evolveTask(plan, accepted);
  await deps.store.append({
    stream: taskStream(taskId),
    expectedVersion: task.version,
    prevHash: task.lastHash,
    events: [accepted],
    actor: ctx.actor,
    agency: plan.ownerAgency,
    correlationId: ctx.correlationId,
    head: { state, index: taskIndex(state) },
  });
  return state;
}

export async function readProof(deps: SamplingDeps, viewer: Viewer, taskId: string): Promise<DrawProof> {
  const { state } = await readTask(deps, viewer, taskId);
  if (state.draw === undefined) throw new StateConflictError(`Task ${taskId} is not drawn yet; its seed stays secret until the draw.`);
  return loadProof(deps, state.draw);
}

export async function loadProof(deps: Pick<SamplingDeps, 'blobs'>, draw: DrawRecord): Promise<DrawProof> {
  const blob = await deps.blobs.get(draw.proofBlob);
  if (blob === undefined) throw new Error(`proof ${draw.proofBlob} is missing`);
  const json = gunzipSync(blob);
  if (sha256Hex(json) !== draw.proofSha256) throw new Error(`proof ${draw.proofBlob} does not match its recorded SHA-256`);
  return JSON.parse(json.toString('utf8')) as DrawProof;
}

export async function readPopulation(deps: SamplingDeps, viewer: Viewer, taskId: string, stratum: string) {
  const { state } = await readTask(deps, viewer, taskId);
  if (state.draw === undefined) throw new StateConflictError(`Task ${taskId} is not drawn yet.`);
  const summary = state.draw.strata.find((s) => s.name === stratum);
  const key = state.draw.populationBlobs[stratum];
  if (summary === undefined || key === undefined) throw new NotFoundError(`Stratum ${stratum} of task ${taskId}`);
  const blob = await deps.blobs.get(key);
  const text = blob === undefined ? '' : gunzipSync(blob).toString('utf8');
  return { stratum, populationHash: summary.populationHash, size: summary.size, ids: text === '' ? [] : text.split('\n') };
}
