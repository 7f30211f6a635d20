import { defineEvent } from '../stored-event.ts';
import { drawRecord } from './values.ts';

/** The draw is made: the seed is revealed and the full proof is stored (DESIGN §6, draw/v1). */
export const TaskDrawn = defineEvent('regulator.sampling', 'Sampling.TaskDrawn', 1, () => drawRecord, {
  drawId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  witness: '公证员 张三 2026-04-01 09:00',
  seed: '0000000000000000000000000000000000000000000000000000000000000001',
  drawnAt: '2026-04-01T01:00:00.000Z',
  year: 2026,
  strata: [{ name: 'A', rateBp: 500, populationHash: 'a'.repeat(64), size: 20, k: 1 }],
  poolHash: 'b'.repeat(64),
  selectedCount: 1,
  shortfallCount: 0,
  proofSha256: 'c'.repeat(64),
  proofBlob: 'sampling/task-2026-0001/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/proof',
  populationBlobs: { A: 'sampling/task-2026-0001/6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f/population-A' },
});
