import { assertSupported, matches } from '../../../infra/local/event-pattern.ts';
import { rules } from '../../../infra/topology.ts';

const event = (source: string, detailType = 'Directory.EntityRegistered', detail: unknown = { agency: 'A' }) => ({
  source,
  'detail-type': detailType,
  detail,
});

describe('the local bus pattern matcher', () => {
  it('accepts every rule of the topology', () => {
    for (const rule of rules) expect(() => assertSupported(rule.pattern, rule.name)).not.toThrow();
  });

  it('matches exact values, prefixes and anything-but', () => {
    expect(matches({ source: [{ prefix: 'regulator.' }] }, event('regulator.directory'))).toBe(true);
    expect(matches({ source: [{ prefix: 'regulator.' }] }, event('other.directory'))).toBe(false);
    expect(matches({ 'detail-type': ['A', 'Directory.EntityRegistered'] }, event('x'))).toBe(true);
    expect(matches({ detail: { agency: [{ 'anything-but': ['B'] }] } }, event('x'))).toBe(true);
    expect(matches({ detail: { agency: [{ 'anything-but': 'A' }] } }, event('x'))).toBe(false);
  });

  it('needs every field of the pattern, and the field to be present', () => {
    expect(matches({ source: ['s'], 'detail-type': ['other'] }, event('s'))).toBe(false);
    expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } }, event('s'))).toBe(false);
  });

  it('refuses at start-up an operator it does not implement, rather than mis-matching', () => {
    expect(() => assertSupported({ detail: { amount: [{ numeric: ['>', 0] } as never] } }, 'r')).toThrow(/does not support/);
    expect(() => assertSupported({ source: [{ suffix: '.x' } as never] }, 'r')).toThrow(/does not support/);
    expect(() => assertSupported({ account: ['1'] } as never, 'r')).toThrow(/cannot match on 'account'/);
  });
});
