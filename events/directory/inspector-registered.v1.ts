import { defineEvent } from '../stored-event.ts';
import { inspectorState } from './values.ts';

export const InspectorRegistered = defineEvent('regulator.directory', 'Directory.InspectorRegistered', 1, () => inspectorState, {
  id: 'insp-0001',
  name: '张三',
  specialties: ['food-safety'],
  certificateNumber: 'ZF-11-000123',
  conflicts: [],
});
