import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The platform's dashboard, its alarms (any error, any dead letter) and its dead-letter queues. */
export class Monitoring extends Construct {
  private readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: 'regulator' });
  }

  /** A function's errors raise an alarm; its invocations, errors and p99 duration are on the dashboard. */
  watchFunction(name: string, fn: lambda.IFunction): void {
    this.alarmOn(`${name}-errors`, fn.metricErrors({ period: Duration.minutes(5) }), 'Function errors');
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: `${name}: invocations, errors`, left: [fn.metricInvocations(), fn.metricErrors()] }),
      new cloudwatch.GraphWidget({ title: `${name}: duration`, left: [fn.metricDuration({ statistic: 'p99' })] }),
    );
  }

  /** A dead-letter queue (14 days, encrypted, TLS only) whose depth raises an alarm. */
  deadLetterQueue(name: string): sqs.Queue {
    const queue = new sqs.Queue(this, `Dlq-${name}`, {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; its depth raises an alarm.',
    });
    this.alarmOn(
      `${name}-dead-letters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      'Messages in a dead-letter queue',
    );
    return queue;
  }

  private alarmOn(name: string, metric: cloudwatch.IMetric, description: string): void {
    new cloudwatch.Alarm(this, `Alarm-${name}`, {
      alarmDescription: `${description} (${name})`,
      metric,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
