import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { agencyState } from './values.ts';

export const AgencyUpdated = defineEvent(
  'regulator.directory',
  'Directory.AgencyUpdated',
  1,
  () => z.strictObject({ code: agencyState.shape.code, changes: agencyState.omit({ code: true }).partial() }),
  { code: 'SAMR-110105', changes: { name: '北京市朝阳区市场监督管理局' } },
);
