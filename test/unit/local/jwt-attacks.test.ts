import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { LOCAL_AUDIENCE, LocalTokens } from '../../../infra/local/tokens.ts';

/**
 * The JWT attack table (reliability issue, point 9): every token below must be refused by the local runtime's check,
 * which stands in for API Gateway's JWT authorizer, so a route behind it answers 401.
 */
const ISSUER = 'urn:regulator:local';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = () => ({
  sub: 'attacker',
  'cognito:groups': ['admin'],
  'custom:agency': 'SAMR-110105',
  'custom:jurisdiction': '11',
  iss: ISSUER,
  aud: LOCAL_AUDIENCE,
  iat: now(),
  exp: now() + 3600,
});

describe('the JWT attack table: each forged or unfit token is refused (401)', () => {
  let tokens: LocalTokens;
  let privateKey: Awaited<ReturnType<typeof importJWK>>;
  let publicPem: string;
  let genuine: string;
  beforeAll(async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'jwt-')), 'key.json');
    tokens = await LocalTokens.create(ISSUER, keyFile);
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    privateKey = await importJWK(jwk, 'RS256');
    const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
    publicPem = await exportSPKI((await importJWK(publicJwk, 'RS256', { extractable: true } as never)) as never);
    genuine = (await tokens.issue({ sub: 'u1', roles: ['supervisor'], agency: 'SAMR-110105', jurisdiction: '110105' })).access_token;
  });
  const signed = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid: 'local-dev-key' }) =>
    new SignJWT(payload).setProtectedHeader(header as never).sign(privateKey);

  it('accepts the genuine token (so that every refusal below means something)', async () => {
    expect(await tokens.verify(genuine)).toMatchObject({ sub: 'u1' });
    expect(await tokens.verify(await signed(claims()))).toMatchObject({ sub: 'attacker' });
  });

  const table: [string, () => Promise<string>][] = [
    ['alg none, no signature', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
    [
      'HS256 signed with the public key as the secret',
      async () => {
        const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims())}`;
        return `${head}.${createHmac('sha256', publicPem).update(head).digest('base64url')}`;
      },
    ],
    [
      'an embedded jwk of the attacker’s own key',
      async () => {
        const pair = await generateKeyPair('RS256', { extractable: true });
        const { exportJWK } = await import('jose');
        const jwk = await exportJWK(pair.publicKey);
        return new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', jwk } as never).sign(pair.privateKey);
      },
    ],
    [
      'a jku pointing at the attacker’s key set',
      async () => {
        const pair = await generateKeyPair('RS256');
        return new SignJWT(claims())
          .setProtectedHeader({ alg: 'RS256', jku: 'https://evil.example/jwks.json', kid: 'x' })
          .sign(pair.privateKey);
      },
    ],
    [
      'a kid with path traversal, signed by another key',
      async () => {
        const pair = await generateKeyPair('RS256');
        return new SignJWT(claims()).setProtectedHeader({ alg: 'RS256', kid: '../../../../dev/null' }).sign(pair.privateKey);
      },
    ],
    ['expired', async () => signed({ ...claims(), iat: now() - 7200, exp: now() - 3600 })],
    ['not yet valid (nbf in the future)', async () => signed({ ...claims(), nbf: now() + 3600 })],
    ['issued in the future (iat)', async () => signed({ ...claims(), iat: now() + 3600, exp: now() + 7200 })],
    [
      'no exp',
      async () => {
        const { exp, ...rest } = claims();
        return signed(rest);
      },
    ],
    ['the wrong issuer', async () => signed({ ...claims(), iss: 'https://evil.example' })],
    ['the wrong audience', async () => signed({ ...claims(), aud: 'someone-else' })],
    [
      'tampered claims under a genuine signature',
      async () => {
        const [head, payload, signature] = genuine.split('.') as [string, string, string];
        const changed = {
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          'cognito:groups': ['admin'],
          'custom:jurisdiction': '',
        };
        return `${head}.${b64(changed)}.${signature}`;
      },
    ],
    ['a token cut short', async () => genuine.split('.').slice(0, 2).join('.')],
  ];

  it.each(table)('refuses %s', async (_name, forge) => {
    expect(await tokens.verify(await forge())).toBeUndefined();
  });
});
