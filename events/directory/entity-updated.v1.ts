import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { entityState } from './values.ts';

/** Only the fields that changed, with their new values. */
export const EntityUpdated = defineEvent(
  'regulator.directory',
  'Directory.EntityUpdated',
  1,
  () => z.strictObject({ uscc: entityState.shape.uscc, changes: entityState.omit({ uscc: true }).partial() }),
  { uscc: '91110000100000000R', changes: { creditClass: 'C', flags: ['abnormal-operations'] } },
);
