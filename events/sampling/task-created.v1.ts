import { defineEvent } from '../stored-event.ts';
import { taskPlan } from './values.ts';

/** A sampling task (抽查任务) is planned; only the commitment to its secret seed is published. */
export const TaskCreated = defineEvent('regulator.sampling', 'Sampling.TaskCreated', 1, () => taskPlan, {
  id: 'task-2026-0001',
  name: '2026年食品经营者双随机抽查',
  items: ['SC-FOOD-001'],
  population: { industry: 'F52', regionPrefix: '1101' },
  ownerAgency: 'SAMR-110105',
  jurisdiction: '110105',
  partnerAgencies: ['FIRE-110105'],
  ratesBp: { A: 500, B: 1500, C: 4000, D: 8000 },
  teams: [
    { agency: 'SAMR-110105', count: 2 },
    { agency: 'FIRE-110105', count: 1 },
  ],
  period: { start: '2026-04-01', end: '2026-06-30' },
  commitment: 'c2a2a8b0b8a4b5b0f2a1e4a4f5d0c1b3a5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0',
});
