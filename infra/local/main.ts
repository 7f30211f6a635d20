import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { lockDataDir } from './data-lock.ts';
import { TABLE_NAME } from './dynamodb-local.ts';
import { PortInUseError, startRuntime } from './runtime.ts';

/** `npm start [-- --in-memory] [--port N] [--data-dir DIR]`: the whole platform in one process. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'in-memory': { type: 'boolean', default: false },
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      'data-dir': { type: 'string', default: process.env.DATA_DIR ?? '.data' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not '${values.port}'`);
    process.exit(2);
  }
  const root = resolve(import.meta.dirname, '../..');
  const dataDir = resolve(root, values['data-dir']);
  const locked = values['in-memory'] ? undefined : lockDataDir(dataDir);
  if (locked !== undefined) {
    console.error(`Cannot start: ${locked}.`);
    process.exit(1);
  }
  const started = Date.now();
  let runtime: Awaited<ReturnType<typeof startRuntime>>;
  try {
    runtime = await startRuntime({
      port,
      host: values.host,
      inMemory: values['in-memory'],
      dataDir,
      root,
      log: (line) => console.error(`[local] ${line}`),
    });
  } catch (error) {
    if (error instanceof PortInUseError)
      console.error(`Cannot start: ${error.message}. Stop the other process or set PORT to a free port.`);
    else console.error(`Cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const mode = values['in-memory'] ? 'in memory (nothing is kept)' : `data in ${values['data-dir']}/`;
  console.log(`Regulator platform listening on ${runtime.url} (${mode}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`  health: ${runtime.url}/health   tokens: POST ${runtime.url}/_local/token   API: ${runtime.url}/openapi.yaml`);
  console.log(
    `  DynamoDB Local: ${runtime.dynamoDbEndpoint} (table ${TABLE_NAME}, pid ${runtime.dynamoDbPid})   run a schedule now: POST ${runtime.url}/_local/schedules/<name>`,
  );
  console.log(`  console (执法监管工作台): ${runtime.url}/console/   inspector app (掌上执法): ${runtime.url}/inspector/`);
  console.log(`  disclosure site (一公开): ${runtime.url}/disclosure/`);
  console.log(`  runtime pid ${process.pid}`);
  console.log('  Ctrl-C stops it and DynamoDB Local with it.');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    // Whatever is in flight, the process is gone within 10 s; what was not delivered is delivered on the next start.
    setTimeout(() => {
      console.error('could not stop cleanly within 8 s; stopping now (undelivered events are kept for the next start).');
      process.exit(1);
    }, 8000).unref();
    await runtime.stop();
    console.log('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
