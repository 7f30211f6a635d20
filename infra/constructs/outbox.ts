import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { Monitoring } from './monitoring.ts';

/**
 * The outbox publisher on the table stream (DESIGN §4): new event items only (a filter), in order, bisected on
 * error with partial batch failures, failed batches to a dead-letter queue.
 */
export class Outbox extends Construct {
  constructor(scope: Construct, id: string, props: { table: ITableV2; publisher: lambda.Function; monitoring: Monitoring }) {
    super(scope, id);
    props.publisher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(props.monitoring.deadLetterQueue('Outbox')),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { kind: { S: lambda.FilterRule.isEqual('event') } } },
          }),
        ],
      }),
    );
  }
}
