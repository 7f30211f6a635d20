import * as z from 'zod';
import { agencyCode } from '../directory/values.ts';
import { defineEvent } from '../stored-event.ts';

/** An admin registered an enforcement system of another department that may post events (DESIGN §5, §6). */
export const systemState = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a system id is 2-63 lower-case letters, digits or -'),
  name: z.string().min(1).max(200),
  clientId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,128}$/)
    .describe('the OAuth client id it authenticates with (a Cognito app client in AWS)'),
  agency: agencyCode,
  source: z.string().min(1).max(512).describe('the CloudEvents source its events carry'),
  eventTypes: z.array(z.string().min(1).max(256)).min(1).max(50),
  ratePerSecond: z.number().int().min(1).max(1000),
  registeredAt: z.iso.datetime(),
});

export const SystemRegistered = defineEvent('regulator.ingest', 'Ingest.SystemRegistered', 1, () => systemState, {
  id: 'tax-110105',
  name: '国家税务总局北京市东城区税务局 执法系统',
  clientId: '5l2k3j4h5g6f7d8s9a0q1w2e3r',
  agency: 'SAMR-110105',
  source: 'urn:cn:gov:tax:110105:enforcement',
  eventTypes: ['External.PenaltyDecision', 'External.RiskSignal'],
  ratePerSecond: 20,
  registeredAt: '2026-05-01T08:00:00.000Z',
});
