import type { Role, Scope } from './principal.ts';

/** Who may call a route. The topology declares it; the runtime hands it to the function as ROUTE_ACCESS. */
export type RouteAccess = { public: true } | { roles: readonly Role[] } | { scopes: readonly Scope[] };

export type RouteAccessMap = Record<string, RouteAccess>;

let cached: RouteAccessMap | undefined;

export function routeAccessMap(): RouteAccessMap {
  if (cached === undefined) cached = JSON.parse(process.env.ROUTE_ACCESS ?? '{}') as RouteAccessMap;
  return cached;
}

/** For the local runtime and tests, which set ROUTE_ACCESS after this module may have read it. */
export function resetRouteAccessCache(): void {
  cached = undefined;
}
