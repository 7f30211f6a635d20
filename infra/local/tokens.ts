import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { agencyCode } from '#events/directory/values';
import { ROLES, SCOPES } from '#shared/principal';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export const LOCAL_AUDIENCE = 'regulator-local';
const KEY_ID = 'local-dev-key';
const LIFETIME_SECONDS = 8 * 60 * 60;

/** POST /_local/token: a person (roles, agency, jurisdiction) or a machine client (scopes, agency). */
export const TokenRequest = z.union([
  z.strictObject({
    sub: z.string().min(1).max(128),
    roles: z.array(z.enum(ROLES)).min(1),
    agency: agencyCode,
    jurisdiction: z.string().regex(/^\d{2,6}$/, 'a jurisdiction is a 2-6 digit administrative division prefix'),
    name: z.string().max(100).optional(),
  }),
  z.strictObject({
    client_id: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/),
    scopes: z.array(z.enum(SCOPES)).min(1),
    agency: agencyCode,
  }),
]);

/**
 * Dev tokens signed RS256 with a local key, carrying the claims Cognito would: `cognito:groups`,
 * `custom:agency`, `custom:jurisdiction` for people (ID token), `client_id` and `scope` for machines.
 */
export class LocalTokens {
  private constructor(
    private readonly privateKey: SigningKey,
    private readonly publicKey: SigningKey,
    readonly jwks: { keys: JWK[] },
    readonly issuer: string,
  ) {}

  static async create(issuer: string, keyFile?: string): Promise<LocalTokens> {
    let privateJwk: JWK;
    if (keyFile !== undefined && existsSync(keyFile)) {
      privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    } else {
      const pair = await generateKeyPair('RS256', { extractable: true });
      privateJwk = await exportJWK(pair.privateKey);
      if (keyFile !== undefined) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
      }
    }
    const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk;
    const privateKey = await importJWK(privateJwk, 'RS256');
    const publicKey = await importJWK(publicJwk, 'RS256');
    return new LocalTokens(privateKey, publicKey, { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] }, issuer);
  }

  async issue(request: z.infer<typeof TokenRequest>): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number }> {
    const claims: JWTPayload =
      'sub' in request
        ? {
            'cognito:groups': request.roles,
            'custom:agency': request.agency,
            'custom:jurisdiction': request.jurisdiction,
            token_use: 'id',
            ...(request.name === undefined ? {} : { name: request.name }),
          }
        : { client_id: request.client_id, scope: request.scopes.join(' '), 'custom:agency': request.agency, token_use: 'access' };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
      .setSubject('sub' in request ? request.sub : request.client_id)
      .setIssuer(this.issuer)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${LIFETIME_SECONDS}s`)
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
    return { access_token: token, token_type: 'Bearer', expires_in: LIFETIME_SECONDS };
  }

  /** As API Gateway's JWT authorizer: signature, issuer, audience, expiry; undefined when any fails. */
  async verify(token: string): Promise<JWTPayload | undefined> {
    try {
      // As API Gateway's JWT authorizer: exp is required, and a token issued in the future is refused.
      const { payload } = await jwtVerify(token, this.publicKey, {
        issuer: this.issuer,
        audience: LOCAL_AUDIENCE,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
      });
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000) + 60) return undefined;
      return payload;
    } catch {
      return undefined;
    }
  }
}
