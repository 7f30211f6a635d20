import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';

/** Results not published within 20 working days of the inspection period's end (DESIGN §6, Publicity). */
export const ResultPublicationOverdue = defineEvent(
  'regulator.sampling',
  'Sampling.ResultPublicationOverdue',
  1,
  () => z.strictObject({ taskId: z.string(), periodEnd: z.iso.date(), dueBy: z.iso.date(), provisional: z.boolean() }),
  { taskId: 'task-2026-0001', periodEnd: '2026-06-30', dueBy: '2026-07-28', provisional: false },
);
