import { DynamoDBClient, GetItemCommand, QueryCommand, ScanCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { withInvocation } from '#shared/invocation';
import { enforceTablePolicy } from '../../../infra/local/local-iam.ts';

/** The local stand-in for IAM: a call outside the function's key prefixes is refused before it leaves the process. */
describe('the local table policy check', () => {
  const denied: string[] = [];
  const client = new DynamoDBClient({
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  enforceTablePolicy(client, 'T', (line) => denied.push(line));
  const as = (fn: string, call: () => Promise<unknown>) =>
    withInvocation({ functionName: `regulator-local-${fn}`, getRemainingTimeInMillis: () => 10_000 }, call as () => Promise<unknown>);
  const errorOf = async (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: Error) => e.name,
    );
  afterAll(() => client.destroy());

  it('lets a read within the prefixes through to the table (which here does not answer)', async () => {
    const get = new GetItemCommand({ TableName: 'T', Key: { pk: { S: 'S#entity/A/1' }, sk: { S: 'HEAD' } } });
    expect(await errorOf(as('directory', () => client.send(get)))).not.toBe('AccessDeniedException');
  });

  it('refuses a read, a query on an index and a transaction item outside them, and a scan', async () => {
    const get = new GetItemCommand({ TableName: 'T', Key: { pk: { S: 'S#case/1' }, sk: { S: 'HEAD' } } });
    const query = new QueryCommand({
      TableName: 'T',
      IndexName: 'gsi1',
      KeyConditionExpression: '#p = :p',
      ExpressionAttributeNames: { '#p': 'gsi1pk' },
      ExpressionAttributeValues: { ':p': { S: 'CASE#A' } },
    });
    const write = new TransactWriteItemsCommand({
      TransactItems: [
        { Put: { TableName: 'T', Item: { pk: { S: 'S#entity/A/1' }, sk: { S: 'HEAD' } } } },
        { Put: { TableName: 'T', Item: { pk: { S: 'S#case/1' }, sk: { S: 'HEAD' } } } },
      ],
    });
    for (const command of [get, query, write, new ScanCommand({ TableName: 'T' })]) {
      expect(await errorOf(as('directory', () => client.send(command as never)))).toBe('AccessDeniedException');
    }
    expect(denied.at(-1)).toContain('regulator-directory is not authorized');
  });

  it('refuses a write on a prefix the function may only read', async () => {
    const write = new TransactWriteItemsCommand({
      TransactItems: [{ Put: { TableName: 'T', Item: { pk: { S: 'ENTITY#A' }, sk: { S: 'x' } } } }],
    });
    expect(await errorOf(as('directory', () => client.send(write)))).toBe('AccessDeniedException');
  });
});
