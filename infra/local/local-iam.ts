import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { currentFunctionName } from '#shared/invocation';
import { PARTITION_KEYS, tableAllows } from '../table-policy.ts';
import { type FunctionName, functions } from '../topology.ts';

type AttributeMap = Record<string, { S?: string } | undefined>;
type Access = { action: string; key: string | undefined };

/**
 * DynamoDB Local checks no IAM; this does, for every call a function makes through the shared client: each item's
 * action and leading key against the very policy the CDK app writes for that function (infra/table-policy.ts).
 * What AWS would refuse is refused here too, as AccessDeniedException, so no test tier can pass on a missing grant.
 */
export function enforceTablePolicy(client: DynamoDBClient, tableName: string, log: (line: string) => void): void {
  client.middlewareStack.remove('localTablePolicy');
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const fn = functionOf(currentFunctionName());
      const command = context.commandName ?? '';
      if (fn !== undefined && command !== 'DescribeTableCommand') {
        for (const access of accessesOf(command, args.input as Record<string, unknown>, tableName)) {
          if (access.key === undefined || !tableAllows(fn, access.action, access.key)) {
            const message = `regulator-${fn} is not authorized to perform ${access.action} on leading key ${access.key ?? '(none)'}: its policy allows ${JSON.stringify(functions[fn].table)}`;
            log(`IAM (as AWS would): ${message}`);
            throw Object.assign(new Error(`User is not authorized: ${message}`), {
              name: 'AccessDeniedException',
              $fault: 'client',
              $metadata: {},
            });
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localTablePolicy' },
  );
}

function functionOf(name: string | undefined): FunctionName | undefined {
  const fn = name?.replace(/^regulator-local-/, '');
  return fn !== undefined && fn in functions ? (fn as FunctionName) : undefined;
}

const keyOf = (item: unknown) => (item as AttributeMap | undefined)?.pk?.S;

/** What IAM evaluates for one request: one (action, leading key) per item it touches in the main table. */
function accessesOf(command: string, input: Record<string, unknown>, tableName: string): Access[] {
  const action = `dynamodb:${command.replace(/Command$/, '')}`;
  const inTable = input.TableName === undefined || input.TableName === tableName;
  switch (command) {
    case 'GetItemCommand':
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return inTable ? [{ action, key: keyOf(input.Key) }] : [];
    case 'PutItemCommand':
      return inTable ? [{ action, key: keyOf(input.Item) }] : [];
    case 'QueryCommand':
      return inTable ? [{ action, key: queriedPartition(input) }] : [];
    case 'BatchGetItemCommand': {
      const request = (input.RequestItems as Record<string, { Keys?: unknown[] }> | undefined)?.[tableName];
      return (request?.Keys ?? []).map((k) => ({ action, key: keyOf(k) }));
    }
    case 'BatchWriteItemCommand': {
      const request = (
        input.RequestItems as Record<string, { PutRequest?: { Item: unknown }; DeleteRequest?: { Key: unknown } }[]> | undefined
      )?.[tableName];
      return (request ?? []).map((r) => ({ action, key: keyOf(r.PutRequest?.Item ?? r.DeleteRequest?.Key) }));
    }
    case 'TransactWriteItemsCommand':
      return ((input.TransactItems ?? []) as Record<string, { TableName?: string; Item?: unknown; Key?: unknown }>[]).flatMap((item) =>
        Object.entries(item)
          .filter(([, op]) => op.TableName === tableName)
          .map(([kind, op]) => ({ action: `dynamodb:${TRANSACT_ACTIONS[kind] ?? kind}`, key: keyOf(op.Item ?? op.Key) })),
      );
    case 'TransactGetItemsCommand':
      return ((input.TransactItems ?? []) as { Get?: { TableName?: string; Key?: unknown } }[])
        .filter((item) => item.Get?.TableName === tableName)
        .map((item) => ({ action: 'dynamodb:GetItem', key: keyOf(item.Get?.Key) }));
    default:
      // Scan and anything else reads or writes without a leading key: no policy of the topology grants it.
      return inTable ? [{ action, key: undefined }] : [];
  }
}

const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

/** The partition key value a Query names: `<partition key> = :value` in its key condition (names may be aliased). */
function queriedPartition(input: Record<string, unknown>): string | undefined {
  const condition = String(input.KeyConditionExpression ?? '');
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as AttributeMap;
  for (const [, name, placeholder] of condition.matchAll(/(#?[A-Za-z0-9_]+)\s*=\s*(:[A-Za-z0-9_]+)/g)) {
    const attribute = name?.startsWith('#') ? names[name] : name;
    if (attribute !== undefined && PARTITION_KEYS.includes(attribute)) return values[placeholder ?? '']?.S;
  }
  return undefined;
}
