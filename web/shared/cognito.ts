/**
 * Sign-in on AWS: Cognito's managed login with the authorization code flow and PKCE (RFC 7636), so no secret and
 * no SDK ship with the app; Cognito handles passwords and MFA. The ID token carries the groups and the agency.
 */
export interface AuthConfig {
  authDomain: string;
  clientId: string;
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const redirectUri = () => `${location.origin}${location.pathname}`;

export async function beginSignIn(config: AuthConfig): Promise<void> {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
    state,
  });
  location.assign(`${config.authDomain}/oauth2/authorize?${query}`);
}

/** Back from the managed login with ?code=…: trade it for tokens; answers the ID token and its subject. */
export async function finishSignIn(config: AuthConfig): Promise<{ token: string; sub: string } | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const saved = JSON.parse(sessionStorage.getItem('pkce') ?? 'null') as { verifier: string; state: string } | null;
  if (code === null || saved === null || params.get('state') !== saved.state) return undefined;
  sessionStorage.removeItem('pkce');
  const response = await fetch(`${config.authDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }),
  });
  history.replaceState(null, '', redirectUri() + location.hash);
  if (!response.ok) return undefined;
  const { id_token } = (await response.json()) as { id_token: string };
  const claims = JSON.parse(atob((id_token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string };
  return { token: id_token, sub: claims.sub };
}
