import type * as z from 'zod';

/**
 * What one HTTP route accepts and answers. Handlers parse with it; the topology and openapi.yaml are built
 * from it, so validation and documentation cannot drift apart (STYLE §3).
 */
export interface RouteContract<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  summary: string;
  description?: string;
  tags: readonly string[];
  /** A JSON body parsed with this schema. */
  body?: B;
  /** Non-JSON bodies handed to the handler as text (bulk import). */
  textBodyTypes?: readonly string[];
  /** How openapi.yaml documents those bodies (the handler parses them itself). */
  textBodySchemas?: Readonly<Record<string, z.ZodType>>;
  query?: Q;
  params?: P;
  /** Default 1 MiB (DESIGN §7); of the body as sent (compressed, when it is). */
  maxBodyBytes?: number;
  /** Takes a text body sent with `Content-Encoding: gzip`, up to this many bytes once decompressed. */
  gzipMaxBytes?: number;
  responses: Readonly<Record<number, { description: string; schema?: z.ZodType }>>;
}

/** The parsed type of an optional schema slot; `undefined` when the contract has none. */
export type Parsed<T> = [NonNullable<T>] extends [never]
  ? undefined
  : NonNullable<T> extends z.ZodType
    ? z.output<NonNullable<T>>
    : undefined;

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export function contract<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined>(
  c: RouteContract<B, Q, P>,
): RouteContract<B, Q, P> {
  return c;
}

/**
 * A context's route contracts, each built on first use: a function parses one route per invocation, and building
 * every route's zod schemas at module load was a large share of a cold start (bench/README.md, function bundles). The
 * topology and openapi.yaml read them all, at build time.
 */
export function lazyContracts<T extends Record<string, () => RouteContract>>(builders: T): { readonly [K in keyof T]: ReturnType<T[K]> } {
  const built = new Map<string, RouteContract>();
  const contracts = {};
  for (const [name, build] of Object.entries(builders)) {
    Object.defineProperty(contracts, name, {
      enumerable: true,
      get: () => {
        let contract = built.get(name);
        if (contract === undefined) {
          contract = build();
          built.set(name, contract);
        }
        return contract;
      },
    });
  }
  return contracts as { readonly [K in keyof T]: ReturnType<T[K]> };
}
