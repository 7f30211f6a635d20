import { type FunctionName, functions, table } from './topology.ts';

/**
 * The DynamoDB actions each function's policy grants on the table, by kind of access, and the rule IAM applies with
 * them (DESIGN §5): every leading key of a request must start with one of the function's prefixes for that kind
 * (`ForAllValues:StringLike` on `dynamodb:LeadingKeys`). The CDK app writes the policy from this module and the local
 * runtime checks every call against it, so a gap that AWS would refuse fails every test tier instead.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  // BatchWriteItem: the blob store, the access log, sampling markers and the activity feed write in batches.
  write: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'],
} as const;

/** Whether the function's policy lets it perform `action` on an item whose partition key is `leadingKey`. */
export function tableAllows(fn: FunctionName, action: string, leadingKey: string): boolean {
  const access = functions[fn].table;
  return (['read', 'write'] as const).some(
    (kind) => (TABLE_ACTIONS[kind] as readonly string[]).includes(action) && access[kind].some((prefix) => leadingKey.startsWith(prefix)),
  );
}

/** The partition key attributes of the table and of its indexes: what `dynamodb:LeadingKeys` is read from. */
export const PARTITION_KEYS: readonly string[] = [table.partitionKey, ...table.indexes.map((i) => i.partitionKey)];
