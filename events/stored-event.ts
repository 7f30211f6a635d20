import * as z from 'zod';

/** The stored event of DESIGN §4 (hash chain spec v1): what timelines return and what the bus carries as detail. */
export const HEX64 = /^[0-9a-f]{64}$/;

export const actorSchema = z.strictObject({
  id: z.string().min(1).max(128),
  role: z.string().min(1).max(64),
  agency: z.string().min(1).max(64),
});

export function storedEvent<T extends string, D extends z.ZodType>(type: T, version: number, data: D) {
  return z.strictObject({
    stream: z.string().min(1).max(256),
    seq: z.number().int().positive(),
    type: z.literal(type),
    version: z.literal(version),
    occurredAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    actor: actorSchema,
    correlationId: z.string().min(1).max(128),
    data,
    prevHash: z.string().regex(HEX64),
    hash: z.string().regex(HEX64),
  });
}

/** The EventBridge detail of an event whose data is `T`: the stored event and the agency that owns its stream. */
export interface StoredDetail<T> {
  stream: string;
  seq: number;
  type: string;
  version: number;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string; agency: string };
  correlationId: string;
  data: T;
  prevHash: string;
  hash: string;
  agency: string;
}

/** One event type and version, as every file under events/ declares it (STYLE §4). */
export interface EventDefinition<D extends z.ZodType = z.ZodType, T extends string = string> {
  readonly DETAIL_TYPE: T;
  readonly SOURCE: string;
  readonly VERSION: number;
  readonly data: D;
  /** The EventBridge detail: the stored event plus the agency that owns its stream (the outbox adds it). */
  readonly detail: z.ZodType<StoredDetail<z.output<D>>>;
  readonly example: z.infer<D>;
}

export function defineEvent<D extends z.ZodType, const T extends string = string>(
  source: string,
  detailType: T,
  version: number,
  data: () => D,
  example: z.infer<D>,
): EventDefinition<D, T> {
  // Both schemas are built on first use: a function's bundle holds every event it may record, but parses few of them,
  // and building zod schemas at module load was the largest share of a cold start (bench/README.md, function bundles).
  let built: D | undefined;
  let detail: z.ZodType<StoredDetail<z.output<D>>> | undefined;
  return {
    DETAIL_TYPE: detailType,
    SOURCE: source,
    VERSION: version,
    get data() {
      built ??= data();
      return built;
    },
    get detail() {
      // The schema's output is exactly StoredDetail<output of data>; TypeScript cannot see through the generic extend.
      detail ??= storedEvent(detailType, version, this.data).extend({ agency: z.string().min(1).max(64) }) as unknown as z.ZodType<
        StoredDetail<z.output<D>>
      >;
      return detail;
    },
    example,
  };
}

/**
 * The data of an event of this definition's type, typed by its schema: the store accepted it only after the producer
 * built it from that schema's type, and the bus consumers parse it again, so a fold reading its own stream may take
 * it as such. The one place that says so (instead of a cast at every fold).
 */
export function dataOf<D extends z.ZodType>(definition: EventDefinition<D>, event: { type: string; data: unknown }): z.output<D> {
  if (event.type !== definition.DETAIL_TYPE) throw new Error(`expected ${definition.DETAIL_TYPE}, got ${event.type}`);
  return event.data as z.output<D>;
}

type Typed<E> = E extends EventDefinition<infer D, infer T> ? { type: T; data: z.output<D> } : never;
/** Any event of these definitions, as a fold reads it: a switch on `type` narrows `data` to that type's schema. */
export type EventOf<Defs extends readonly EventDefinition<z.ZodType, string>[]> = Typed<Defs[number]>;

/**
 * A stored event as one of these definitions, typed by its schema (as `dataOf` for one type): the store took it only
 * from a producer that built it from that schema's type. An event of another type is a stream that is not this
 * fold's, and throws.
 */
export function eventOf<Defs extends readonly EventDefinition<z.ZodType, string>[], X extends { type: string; data: unknown }>(
  definitions: Defs,
  event: X,
): EventOf<Defs> & Omit<X, 'type' | 'data'> {
  if (!definitions.some((d) => d.DETAIL_TYPE === event.type)) throw new Error(`not an event of this stream: ${event.type}`);
  return event as unknown as EventOf<Defs> & Omit<X, 'type' | 'data'>;
}
