import * as z from 'zod';
import { defineEvent } from '../stored-event.ts';
import { ruleDefinition, SOURCE } from './values.ts';

/**
 * An admin recorded a new version of an agency's alert rule (a changed threshold, window, severity or deadline, or a
 * rule switched off). The alerts raised after it cite this version; those raised before keep the version they cite.
 */
export const RuleVersioned = defineEvent(
  SOURCE,
  'Alerts.RuleVersioned',
  1,
  () => z.strictObject({ version: z.number().int().min(2), rule: ruleDefinition(), note: z.string().min(1).max(2000) }),
  {
    version: 2,
    rule: {
      id: 'complaint-surge',
      name: '投诉举报异常增长',
      why: '国市监信发〔2022〕6号: 投诉举报异常增长 among the points to monitor',
      trigger: { events: [{ type: 'External.Complaint', where: [] }], subject: 'entity', window: { days: 30, count: 3 } },
      severity: 'medium',
      role: 'case-officer',
      deadlines: { acknowledge: 1, verify: 5, dispose: 5, close: 20 },
      enabled: true,
    },
    note: '辖区投诉量小，阈值调整为 30 天 3 件',
  },
);
