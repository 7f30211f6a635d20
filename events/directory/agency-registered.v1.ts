import { defineEvent } from '../stored-event.ts';
import { agencyState } from './values.ts';

export const AgencyRegistered = defineEvent('regulator.directory', 'Directory.AgencyRegistered', 1, () => agencyState, {
  code: 'SAMR-110105',
  name: '北京市朝阳区市场监督管理局',
  region: '110105',
});
