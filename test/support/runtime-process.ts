import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { contractMismatch } from './contract-check.ts';

export const ROOT = resolve(__dirname, '../..');

export interface RunningPlatform {
  url: string;
  child: ChildProcess;
  /** The runtime's own process and DynamoDB Local's, from the banner. */
  pids: { runtime: number; dynamoDb: number };
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the platform the way a user does (`npm start -- --in-memory`), on a free port, and waits for its URL. */
export async function startPlatform(
  args: string[] = ['--in-memory', '--port', '0'],
  env: Record<string, string> = {},
  /** In a process group of its own, as from a terminal: a test can then send Ctrl-C to the whole group. */
  detached = false,
): Promise<RunningPlatform> {
  const child = spawn(resolve(ROOT, 'node_modules/.bin/tsx'), ['--experimental-async-context-frame', 'infra/local/main.ts', ...args], {
    cwd: ROOT,
    detached,
    env: { ...process.env, ...env, PATH: `${resolve(ROOT, 'node_modules/.bin')}:${process.env.PATH}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setInterval(() => {
      const found = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (found?.[1] !== undefined) {
        clearInterval(timer);
        resolveUrl(found[1]);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(Object.assign(new Error(`the platform exited with ${code}: ${output}`), { code, output }));
    });
  });
  const pid = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? Number.NaN);
  await new Promise<void>((ready) => {
    const timer = setInterval(() => {
      if (/runtime pid \d+/.test(output)) {
        clearInterval(timer);
        ready();
      }
    }, 20);
  });
  const runtimePid = pid(/runtime pid (\d+)/);
  return {
    url,
    child,
    pids: { runtime: runtimePid, dynamoDb: pid(/DynamoDB Local: \S+ \(table \S+, pid (\d+)\)/) },
    output: () => output,
    stop: async (signal = 'SIGINT') => {
      // tsx passes SIGINT and SIGTERM on to the runtime; a SIGKILL it cannot, so the runtime gets its own.
      if (signal === 'SIGKILL') {
        try {
          process.kill(runtimePid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function tokenFor(url: string, claims: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${url}/_local/token`, { method: 'POST', body: JSON.stringify(claims) });
  if (response.status !== 200) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function api(url: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    // Every answer an end-to-end test receives is held to the route's contract (what openapi.yaml declares).
    const mismatch = contractMismatch(method, path, response.status, response.headers.get('content-type') ?? '', text);
    if (mismatch !== undefined) throw new Error(`the answer does not match openapi.yaml: ${mismatch}: ${text.slice(0, 300)}`);
    let json: any;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a process is still running (signal 0 checks without signalling). */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
