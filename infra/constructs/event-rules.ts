import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { FunctionName, RuleSpec, ScheduleSpec } from '../topology.ts';
import type { Monitoring } from './monitoring.ts';

export interface EventRulesProps {
  bus: events.IEventBus;
  rules: readonly RuleSpec[];
  schedules: readonly ScheduleSpec[];
  functions: Record<FunctionName, lambda.IFunction>;
  monitoring: Monitoring;
}

/**
 * The topology's rules on the bus and its schedules: each target gets `{ rule, event }` (see contextHandler), retries,
 * and a dead-letter queue of its own.
 */
export class EventRules extends Construct {
  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    for (const rule of props.rules) {
      new events.Rule(this, `Rule-${rule.name}`, {
        ruleName: `regulator-${rule.name}`,
        description: rule.description,
        eventBus: props.bus,
        eventPattern: toCdkPattern(rule.pattern),
        targets: [
          new targets.LambdaFunction(props.functions[rule.target], {
            deadLetterQueue: props.monitoring.deadLetterQueue(`Rule-${rule.name}`),
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
            event: events.RuleTargetInput.fromObject({ rule: rule.name, event: events.EventField.fromPath('$') }),
          }),
        ],
      });
    }
    for (const schedule of props.schedules) {
      new events.Rule(this, `Schedule-${schedule.name}`, {
        schedule: events.Schedule.expression(schedule.expression),
        targets: [
          new targets.LambdaFunction(props.functions[schedule.target], {
            deadLetterQueue: props.monitoring.deadLetterQueue(`Schedule-${schedule.name}`),
            retryAttempts: 2,
            event: events.RuleTargetInput.fromObject({ rule: schedule.name, event: events.EventField.fromPath('$') }),
          }),
        ],
      });
    }
  }
}

function toCdkPattern(pattern: RuleSpec['pattern']): events.EventPattern {
  const convert = (values: unknown[] | undefined) => (values === undefined ? undefined : (values.map((v) => v) as string[]));
  return {
    ...(pattern.source ? { source: convert(pattern.source) } : {}),
    ...(pattern['detail-type'] ? { detailType: convert(pattern['detail-type']) } : {}),
    ...(pattern.detail ? { detail: pattern.detail } : {}),
  };
}
