import { beginSignIn, finishSignIn } from '../../shared/cognito.ts';

/** Who is signed in, read from the token's claims (the same claims the API's authorizer reads). */
export interface Session {
  token: string;
  sub: string;
  roles: string[];
  agency: string;
  jurisdiction: string;
  /** Seconds since the epoch. */
  exp: number;
}

/** Deployed behind CloudFront, index.html carries the API's address and the sign-in; locally, this origin and dev tokens. */
export const config = JSON.parse(document.getElementById('config')?.textContent || '{}') as {
  apiUrl?: string;
  authDomain?: string;
  clientId?: string;
};
export const cognito = config.authDomain && config.clientId ? { authDomain: config.authDomain, clientId: config.clientId } : undefined;

const KEY = 'console.session';

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
  return JSON.parse(json) as Record<string, unknown>;
}

export function sessionOf(token: string): Session {
  const claims = claimsOf(token);
  const groups = claims['cognito:groups'];
  return {
    token,
    sub: String(claims.sub ?? ''),
    roles: Array.isArray(groups) ? groups.map(String) : [],
    agency: String(claims['custom:agency'] ?? ''),
    jurisdiction: String(claims['custom:jurisdiction'] ?? ''),
    exp: Number(claims.exp ?? 0),
  };
}

export function currentSession(): Session | null {
  const saved = localStorage.getItem(KEY);
  return saved === null ? null : (JSON.parse(saved) as Session);
}

export function saveSession(token: string): Session {
  const session = sessionOf(token);
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function signOut(): void {
  localStorage.removeItem(KEY);
}

/** Back from Cognito's managed login (?code=…): the session it gives, if any. */
export async function finishCognitoSignIn(): Promise<Session | undefined> {
  if (cognito === undefined) return undefined;
  const done = await finishSignIn(cognito);
  return done === undefined ? undefined : saveSession(done.token);
}

export function beginCognitoSignIn(): void {
  if (cognito !== undefined) void beginSignIn(cognito);
}

/** The local runtime's dev token (POST /_local/token): any person, role and agency, for a trial on one machine. */
export async function devSignIn(claims: { sub: string; role: string; agency: string; jurisdiction: string }): Promise<Session> {
  const response = await fetch('/_local/token', {
    method: 'POST',
    body: JSON.stringify({ sub: claims.sub, agency: claims.agency, jurisdiction: claims.jurisdiction, roles: [claims.role] }),
  });
  if (!response.ok) throw new Error(String(response.status));
  const { access_token } = (await response.json()) as { access_token: string };
  return saveSession(access_token);
}
