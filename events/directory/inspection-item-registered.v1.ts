import { defineEvent } from '../stored-event.ts';
import { inspectionItemState } from './values.ts';

export const InspectionItemRegistered = defineEvent(
  'regulator.directory',
  'Directory.InspectionItemRegistered',
  1,
  () => inspectionItemState,
  {
    code: 'SC-FOOD-001',
    name: '食品经营者经营条件检查',
    legalBasis: '《中华人民共和国食品安全法》第三十三条',
    checklist: [{ id: 'q1', question: '是否持有有效的食品经营许可证', mandatory: true }],
    owningAgencies: ['SAMR-110105'],
  },
);
