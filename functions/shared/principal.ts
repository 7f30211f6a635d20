import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/** The roles of DESIGN §5; machine clients carry scopes instead. */
export const ROLES = ['inspector', 'case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const SCOPES = ['events:write'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  id: string;
  kind: 'person' | 'machine';
  roles: Role[];
  scopes: string[];
  agency: string;
  /** 6-digit administrative division code; a prefix covers sub-divisions. */
  jurisdiction: string;
}

/**
 * API Gateway's JWT authorizer hands claims over as strings, arrays flattened to `[a b]`;
 * the local runtime does the same, so this one parser serves both.
 */
export function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.trim() === '') return [];
  const trimmed = value.trim();
  const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter((part) => part !== '');
}

export function principalOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal | undefined {
  const jwt = event.requestContext.authorizer?.jwt;
  if (jwt === undefined) return undefined;
  const claims = jwt.claims as Record<string, unknown>;
  const roles = claimList(claims['cognito:groups']).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const scopes = jwt.scopes && jwt.scopes.length > 0 ? [...jwt.scopes] : claimList(claims.scope);
  const clientId = typeof claims.client_id === 'string' ? claims.client_id : undefined;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  const isMachine = sub === undefined || (clientId !== undefined && sub === clientId && roles.length === 0);
  return {
    id: sub ?? clientId ?? 'unknown',
    kind: isMachine ? 'machine' : 'person',
    roles,
    scopes,
    agency: String(claims['custom:agency'] ?? ''),
    jurisdiction: String(claims['custom:jurisdiction'] ?? ''),
  };
}
