import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/dynamodb-local.ts';
import { alive, startPlatform } from '../support/runtime-process.ts';

/** Every process below `pid`, read from /proc (tsx → node → java for DynamoDB Local). */
function descendants(pid: number): { pid: number; command: string }[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: { pid: number; command: string }[] = [];
  const visit = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      let command = '';
      try {
        command = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        continue;
      }
      found.push({ pid: child, command });
      visit(child);
    }
  };
  visit(pid);
  return found;
}

describe('the local runtime as a process', () => {
  it('stops on Ctrl-C and leaves no DynamoDB Local process behind', async () => {
    const platform = await startPlatform();
    const pid = platform.child.pid as number;
    const dynamo = descendants(pid).filter((p) => p.command.includes('DynamoDBLocal.jar'));
    expect(dynamo).toHaveLength(1);
    expect(await platform.stop('SIGINT')).toBe(0);
    expect(platform.output()).toContain('stopped.');
    expect(alive((dynamo[0] as { pid: number }).pid)).toBe(false);
  }, 60_000);

  it('says in one line that the port is in use, without a stack trace', async () => {
    const first = await startPlatform();
    const port = new URL(first.url).port;
    try {
      const second = startPlatform(['--in-memory', '--port', port]);
      const failure = await second.then(
        () => ({ code: 0, output: 'started' }),
        (error: { code: number; output: string }) => error,
      );
      expect(failure.code).toBe(1);
      expect(failure.output).toBe(`Cannot start: port ${port} is already in use. Stop the other process or set PORT to a free port.\n`);
    } finally {
      await first.stop();
    }
  }, 60_000);

  it('refuses, in one line, to share its data folder with another runtime', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'regulator-lock-'));
    const first = await startPlatform(['--data-dir', dataDir, '--port', '0']);
    try {
      const failure = await startPlatform(['--data-dir', dataDir, '--port', '0']).then(
        () => ({ code: 0, output: 'started' }),
        (error: { code: number; output: string }) => error,
      );
      expect(failure.code).toBe(1);
      expect(failure.output).toBe(
        `Cannot start: another runtime (pid ${first.pids.runtime}) is using the data folder ${dataDir}; stop it, or start this one with --data-dir <another folder> or --in-memory.\n`,
      );
    } finally {
      await first.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('answers every request while it starts (503 starting, with Retry-After), never holding a connection unanswered', async () => {
    const port = await freePort();
    const starting = startPlatform(['--in-memory', '--port', String(port)]);
    const answers: number[] = [];
    let ready = false;
    // From the moment the port is bound until the platform is ready, each request gets an answer of its own.
    while (!ready) {
      const answer = await fetch(`http://127.0.0.1:${port}/health`).then(
        async (r) => ({ status: r.status, type: r.headers.get('content-type'), retry: r.headers.get('retry-after'), body: await r.text() }),
        () => undefined,
      );
      if (answer === undefined) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      answers.push(answer.status);
      if (answer.status === 503)
        expect(answer).toMatchObject({ type: 'application/problem+json', retry: '1', body: expect.stringContaining('starting') });
      ready = answer.status === 200;
    }
    const platform = await starting;
    await platform.stop();
    // The port is bound before DynamoDB Local is even spawned, so the first answers are 503s; the last is 200.
    expect(answers[0]).toBe(503);
    expect(answers.at(-1)).toBe(200);
    expect(answers.every((s) => s === 503 || s === 200)).toBe(true);
  }, 120_000);

  it('serves its own API description', async () => {
    const platform = await startPlatform();
    try {
      const response = await fetch(`${platform.url}/openapi.yaml`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('openapi: 3.1.0');
    } finally {
      await platform.stop();
    }
  }, 60_000);
});
