import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { inspectorState } from './values.ts';

export const InspectorUpdated = defineEvent(
  'regulator.directory',
  'Directory.InspectorUpdated',
  1,
  () => z.strictObject({ id: inspectorState.shape.id, changes: inspectorState.omit({ id: true }).partial() }),
  { id: 'insp-0001', changes: { conflicts: ['91110000100000000R'] } },
);
