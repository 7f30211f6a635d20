import { entityInput } from './directory-fixtures.ts';
import { importFile } from './imports.ts';
import { api, tokenFor } from './runtime-process.ts';

export const AGENCY = 'SAMR-110105';
export const person = (sub: string, roles: string[], agency = AGENCY) => ({ sub, roles, agency, jurisdiction: '110105' });

export interface SeedOptions {
  /** Entities by serial number, with their overrides (credit class D by default: every one is drawn). */
  entities: { serial: number; overrides?: Record<string, unknown> }[];
  inspectors: string[];
  checklist?: { id: string; question: string; mandatory: boolean }[];
  legalBasis?: string;
  taskName?: string;
  /** Draw the task with this witness; without it the task stays a plan. */
  witness?: string;
}

/**
 * What most end-to-end tests start from, as users would make it over HTTP: a directory (entities, inspectors, the
 * inspection item SC-1), a sampling task of the agency, and (with a witness) its draw.
 */
export async function seedTask(url: string, options: SeedOptions) {
  const supervisor = api(url, await tokenFor(url, person('sup-1', ['supervisor'])));
  const admin = api(url, await tokenFor(url, person('adm-1', ['admin'])));
  const rows = options.entities.map((e) => JSON.stringify(entityInput(e.serial, { creditClass: 'D', ...e.overrides })));
  const { job } = await importFile(supervisor, rows.join('\n'));
  if (job.status !== 'completed') throw new Error(`seed: import ${JSON.stringify(job)}`);
  for (const id of options.inspectors) await supervisor('POST', '/inspectors', { id, name: id, certificateNumber: id });
  await admin('POST', '/inspection-items', {
    code: 'SC-1',
    name: '食品经营检查',
    legalBasis: options.legalBasis ?? '《食品安全法》',
    checklist: options.checklist ?? [{ id: 'q1', question: '是否持有有效许可证', mandatory: true }],
  });
  const task = await supervisor('POST', '/sampling-tasks', {
    name: options.taskName ?? '检查任务',
    items: ['SC-1'],
    teams: [{ agency: AGENCY, count: 2 }],
    period: { start: '2026-04-01', end: '2026-06-30' },
  });
  if (task.status !== 201) throw new Error(`seed: task ${task.status} ${task.text}`);
  const taskId = task.json.id as string;
  if (options.witness !== undefined) await supervisor('POST', `/sampling-tasks/${taskId}/draw`, { witness: options.witness });
  return { supervisor, admin, taskId };
}
