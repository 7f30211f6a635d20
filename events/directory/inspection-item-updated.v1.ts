import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { inspectionItemState } from './values.ts';

export const InspectionItemUpdated = defineEvent(
  'regulator.directory',
  'Directory.InspectionItemUpdated',
  1,
  () => z.strictObject({ code: inspectionItemState.shape.code, changes: inspectionItemState.omit({ code: true }).partial() }),
  { code: 'SC-FOOD-001', changes: { legalBasis: '《中华人民共和国食品安全法》第三十三条、第五十五条' } },
);
