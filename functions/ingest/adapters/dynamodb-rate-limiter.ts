import { ConditionalCheckFailedException, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { rateKey } from './table-layout.ts';

/**
 * A client's own request rate (DESIGN §7), counted in the table so that every Lambda instance (and the local
 * runtime) sees the same count: one item per client and second, incremented only while under the limit, gone by TTL.
 */
export class DynamoDbRateLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** 0 when the request may go ahead; otherwise the seconds to wait before retrying. */
  async take(clientId: string, perSecond: number): Promise<number> {
    const now = this.clock();
    const second = Math.floor(now / 1000);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: marshall(rateKey(clientId, second)),
          UpdateExpression: 'ADD #n :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
          ExpressionAttributeNames: { '#n': 'n' },
          ExpressionAttributeValues: marshall({ ':one': 1, ':limit': perSecond, ':expires': second + 120 }),
        }),
      );
      return 0;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 1;
      throw error;
    }
  }
}
