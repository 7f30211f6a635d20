import { defineEvent } from '../stored-event.ts';
import { entityState } from './values.ts';

export const EntityRegistered = defineEvent('regulator.directory', 'Directory.EntityRegistered', 1, () => entityState, {
  uscc: '91110000100000000R',
  name: '北京示例食品有限公司',
  industry: 'F52',
  region: '110105',
  address: '北京市朝阳区示例路1号',
  creditClass: 'A',
  flags: [],
});
