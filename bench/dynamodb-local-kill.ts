import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local.ts';

/**
 * How many acknowledged writes DynamoDB Local itself loses when it is SIGKILLed, without the platform in the way:
 * four writers send TransactWriteItems (the event store's shape: a conditional put and a second item), DynamoDB
 * Local is killed after N acknowledgements, restarted on the same files, and every acknowledged key is read back.
 * This is why the fault suite checks only the writes acknowledged after the restart.
 * Usage: npm run bench:dynamodb-kill -- [rounds=10]
 */
async function round(acks: number): Promise<{ acked: number; lost: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ddb-kill-'));
  const ddb = await startDynamoDbLocal({ dataDir: dir });
  const client = ddb.client;
  const TableName = 'kill-test';
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const acked: string[] = [];
  let next = 0;
  let writing = true;
  const writer = async () => {
    while (writing) {
      const pk = `k${next++}`;
      try {
        await client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName, Item: { pk: { S: pk } }, ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName, Item: { pk: { S: `${pk}#head` }, state: { S: 'x'.repeat(2000) } } } },
            ],
          }),
        );
        acked.push(pk);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const died = new Promise<void>((resolve) =>
    ddb.onUnexpectedExit(() => {
      writing = false;
      resolve();
    }),
  );
  const writers = Array.from({ length: 4 }, writer);
  while (acked.length < acks) await new Promise((r) => setTimeout(r, 5));
  process.kill(ddb.pid() as number, 'SIGKILL');
  await died;
  await Promise.all(writers);
  await ddb.restart();
  let lost = 0;
  for (const pk of acked) if ((await client.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } } }))).Item === undefined) lost += 1;
  await ddb.stop();
  rmSync(dir, { recursive: true, force: true });
  return { acked: acked.length, lost };
}

const rounds = Number(process.argv[2] ?? 10);
let acked = 0;
let lost = 0;
for (let i = 0; i < rounds; i++) {
  const r = await round(100 + i * 37);
  acked += r.acked;
  lost += r.lost;
  console.log(`round ${i + 1}: ${r.acked} acknowledged, ${r.lost} lost`);
}
console.log(
  `DynamoDB Local SIGKILLed ${rounds} times: ${lost} of ${acked} acknowledged writes lost (${((lost / acked) * 100).toFixed(2)} %)`,
);
process.exit(0);
