import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { day, SOURCE } from './values.ts';

/** The receiving public security organ's receipt (回执) for a transferred case (行刑衔接). */
export const TransferReceived = defineEvent(
  SOURCE,
  'Cases.TransferReceived',
  1,
  () =>
    z.strictObject({
      on: day,
      organ: z.string().min(1).max(200),
      receiptNumber: z.string().min(1).max(100),
      note: z.string().max(4000),
    }),
  { on: '2026-07-02', organ: '北京市公安局朝阳分局', receiptNumber: '京公朝受〔2026〕88号', note: '' },
);
