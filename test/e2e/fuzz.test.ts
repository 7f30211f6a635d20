import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { contractMismatch } from '../support/contract-check.ts';
import { usccFor } from '../support/directory-fixtures.ts';
import { ROOT, type RunningPlatform, startPlatform, tokenFor } from '../support/runtime-process.ts';
import { seedTask } from '../support/seed.ts';

/**
 * The fuzz suite (reliability issue, points 8 and 9): requests generated from openapi.yaml, each operation with
 * values near and far from its schema (wrong types, huge numbers, lone surrogates, over-long and percent-broken path
 * ids, unknown fields, bodies that are not JSON), sent as a principal holding every role. Nothing may answer 5xx;
 * every 4xx is problem+json (or, for the gateway's own 401/403/404/413/429, API Gateway's {"message"}, as in AWS);
 * no answer carries a stack trace. Seeded, so a failure can be replayed: FUZZ_SEED=<seed> FUZZ_REQUESTS=<n>.
 */
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  method: string;
  path: string;
  params: { name: string; in: string }[];
  body?: { type: string; schema?: Schema };
};

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 6;

/** mulberry32: a small seeded generator, so that a run can be repeated exactly. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const document = parse(readFileSync(resolve(ROOT, 'openapi.yaml'), 'utf8')) as {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema?: Schema }> } }>
  >;
  components: { schemas: Record<string, Schema> };
};
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => {
    const [type, content] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
    return {
      method: method.toUpperCase(),
      path,
      params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
      ...(type === undefined ? {} : { body: { type, ...(content?.schema ? { schema: content.schema } : {}) } }),
    };
  }),
);

/** A lone surrogate has no UTF-8 form: it goes as the bytes a careless encoder would send (CESU-8). */
const safeEncode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

function fuzzer(random: () => number, known: string[]) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const strings = () =>
    pick([
      '',
      'x',
      '测试',
      'a\ud800b',
      '\udfff',
      'x'.repeat(5000),
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '../../etc/passwd',
      '2026-13-45',
      '1e308',
      ...known,
    ]);
  const value = (schema: Schema | undefined, depth: number): unknown => {
    const resolved = schema?.$ref === undefined ? schema : document.components.schemas[schema.$ref.split('/').at(-1) ?? ''];
    if (resolved === undefined || depth > 5 || random() < 0.05) return pick([null, 1e308, -1, 'x', [], {}, true, 'a\ud800']);
    const options = resolved.oneOf ?? resolved.anyOf ?? resolved.allOf;
    if (options !== undefined) return value(pick(options), depth + 1);
    if (resolved.enum !== undefined) return random() < 0.8 ? pick(resolved.enum) : strings();
    const type = Array.isArray(resolved.type) ? pick(resolved.type) : resolved.type;
    if (type === 'string') return strings();
    if (type === 'integer' || type === 'number') return pick([0, 1, -1, 3000, 1.5, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER]);
    if (type === 'boolean') return random() < 0.5;
    if (type === 'array') {
      const n = pick([0, 1, 2, 3, 250]);
      return Array.from({ length: n }, () => value(resolved.items, depth + 1));
    }
    const body: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(resolved.properties ?? {})) if (random() < 0.85) body[name] = value(inner, depth + 1);
    if (random() < 0.1) body[pick(['__proto__', 'constructor', 'agency', 'owner', 'x\ud800'])] = 'mass-assignment';
    return body;
  };
  const pathValue = () =>
    pick(['%ff', '%E0%A4%A', 'x'.repeat(300), '%ED%A0%80', '..%2F..%2Fhealth', '%00', usccFor(1), ...known].map(String));
  const request = (op: Operation) => {
    let path = op.path;
    const query: string[] = [];
    for (const p of op.params) {
      const raw = p.in === 'path' ? pathValue() : safeEncode(String(value(undefined, 0)));
      if (p.in === 'path') path = path.replace(`{${p.name}}`, raw);
      else if (random() < 0.7) query.push(`${p.name}=${random() < 0.2 ? '%ff' : raw}`);
    }
    const url = `${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
    if (op.body === undefined) return { url, headers: {} as Record<string, string> };
    const json = op.body.type === 'application/json';
    const shape = random();
    const body =
      shape < 0.08
        ? '{"not": json'
        : shape < 0.12
          ? ''
          : json
            ? JSON.stringify(value(op.body.schema, 0))
            : pick([
                'uscc,name\n1,2',
                '{"uscc":"x"}\n{oops',
                'uscc,name,industry,region,address\n',
                `{"uscc":"${usccFor(2)}","name":"a\\ud800"}`,
              ]);
    return { url, headers: { 'content-type': random() < 0.05 ? 'text/plain' : op.body.type }, body };
  };
  return { request, pick };
}

describe(`fuzzing every operation of openapi.yaml (${REQUESTS} requests, seed ${SEED})`, () => {
  let platform: RunningPlatform;
  let token: string;
  let known: string[];
  beforeAll(async () => {
    platform = await startPlatform();
    const { taskId } = await seedTask(platform.url, { entities: [{ serial: 1 }, { serial: 2 }], inspectors: ['i1', 'i2'], witness: 'w' });
    known = [taskId, `${taskId}~${usccFor(1)}`, 'SC-1', 'i1'];
    token = await tokenFor(platform.url, {
      sub: 'fuzz',
      roles: ['inspector', 'case-officer', 'legal-reviewer', 'supervisor', 'auditor', 'admin'],
      agency: 'SAMR-110105',
      jurisdiction: '110105',
    });
  }, 180_000);
  afterAll(async () => {
    await platform.stop();
  });

  it('answers no request with a 5xx, every 4xx as problem+json, and never shows a stack trace', async () => {
    const random = rng(SEED);
    const { request, pick } = fuzzer(random, known);
    const violations: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    const worker = async () => {
      while (sent < REQUESTS) {
        sent += 1;
        const op = pick(operations);
        const { url, headers, body } = request(op);
        const response = await fetch(`${platform.url}${url}`, {
          method: op.method,
          headers: { authorization: `Bearer ${token}`, ...headers },
          ...(body === undefined ? {} : { body }),
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        const type = response.headers.get('content-type') ?? '';
        const gateway = [401, 403, 404, 413, 429].includes(response.status) && /^\{"message":"[^"]*"\}$/.test(text);
        const problem = type.startsWith('application/problem+json');
        if (response.status >= 500) violations.push(`${response.status} ${op.method} ${url.slice(0, 120)}: ${text.slice(0, 200)}`);
        else if (response.status >= 400 && !problem && !gateway)
          violations.push(`not problem+json: ${response.status} ${op.method} ${url.slice(0, 120)}`);
        if (/\n\s+at |\.ts:\d+/.test(text)) violations.push(`stack trace: ${op.method} ${url.slice(0, 120)}`);
        const mismatch = contractMismatch(op.method, url, response.status, type, text);
        if (mismatch !== undefined) violations.push(mismatch);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `fuzz seed ${SEED}: ${sent} requests over ${operations.length} operations; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${violations.length} violations`,
    );
    // Each kind of violation once (the first request that showed it), so that one bug does not hide another.
    const kinds = new Map<string, string>();
    for (const v of violations)
      kinds.set(
        v
          .replace(/\/[^ ]*\?[^ ]*/, '')
          .replace(/%[0-9A-F]{2}|x{20,}/gi, '…')
          .slice(0, 160),
        v,
      );
    expect([...kinds.values()].slice(0, 30)).toEqual([]);
  }, 900_000);
});
