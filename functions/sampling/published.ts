/**
 * What the sampling context offers the others (the only module of it they import, with its table layout): the
 * shapes of a task and of its draw, and a draw's proof read back from the blob the draw wrote. Inspections assigns
 * from a `Sampling.TaskDrawn` with it.
 */
export type { DrawProof } from './domain/proof.ts';
export { loadProof } from './domain/task-commands.ts';
export type { DrawRecord, TaskState } from './ports.ts';
