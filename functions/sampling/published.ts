/**
 * What the sampling context offers the others (the only module of it they import, with its table layout): the
 * shapes of a task and of its draw, and a draw's proof read back from the blob the draw wrote. Inspections assigns
 * from a `Sampling.TaskDrawn` with it.
 */

/** Who inspected each entity lately (回避): the draw's conflict markers, for a risk alert's targeted inspection. */
export { recentInspectors } from './adapters/inspected-markers.ts';
export type { DrawProof } from './domain/proof.ts';
export { loadProof } from './domain/task-commands.ts';
export type { DrawRecord, TaskState } from './ports.ts';
