import { resolve } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ContextFunction } from '../constructs/context-function.ts';
import { WebApp } from '../constructs/web-app.ts';
import { type FunctionName, functions, routeAccess, routes, rules, schedules, table } from '../topology.ts';
import type { DataStack } from './data-stack.ts';

export interface ServiceStackProps extends StackProps {
  data: DataStack;
  root: string;
}

/** Stateless resources built from the topology: functions, the HTTP API, rules, the outbox, alarms. */
export class ServiceStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly functions: Record<FunctionName, ContextFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { data } = props;
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: 'regulator' });

    this.functions = Object.fromEntries(
      (Object.keys(functions) as FunctionName[]).map((name) => {
        const spec = functions[name];
        const fn = new ContextFunction(this, `Fn-${name}`, {
          name,
          spec,
          root: props.root,
          environment: {
            TABLE_NAME: data.table.tableName,
            EVENT_BUS_NAME: data.bus.eventBusName,
            ...(spec.idempotency ? { IDEMPOTENCY_TABLE_NAME: data.idempotencyTable.tableName } : {}),
            ROUTE_ACCESS: JSON.stringify(routeAccess(name)),
            ...Object.fromEntries(
              Object.entries(spec.settings ?? {}).map(([key, fallback]) => [key, String(this.node.tryGetContext(key) ?? fallback)]),
            ),
          },
        });
        fn.bindTable(
          data.table,
          table.indexes.map((i) => i.name),
          spec.table,
        );
        if (spec.idempotency) data.idempotencyTable.grantReadWriteData(fn.fn);
        if (spec.publishesEvents) data.bus.grantPutEventsTo(fn.fn);
        if (spec.evidence) {
          // Put (through presigned URLs), read back to hash, delete a refused upload: evidence objects only.
          fn.fn.addToRolePolicy(
            new iam.PolicyStatement({
              actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
              resources: [data.evidenceBucket.arnForObjects('evidence/*')],
            }),
          );
          fn.fn.addEnvironment('EVIDENCE_BUCKET', data.evidenceBucket.bucketName);
          Validations.of(fn.fn).acknowledge({
            // The finding names the cross-stack reference CDK generates for the bucket's ARN.
            id: 'AwsSolutions::AwsSolutions-IAM5[Resource::RegulatorData:ExportsOutputFnGetAttEvidence4CC26D68Arn9E0A376E/evidence/*]',
            reason:
              'Evidence objects are keyed per inspection under evidence/; the function handles any inspection its callers may, checked in code.',
          });
        }
        this.alarmOn(`${name}-errors`, fn.fn.metricErrors({ period: Duration.minutes(5) }), 'Function errors');
        dashboard.addWidgets(
          new cloudwatch.GraphWidget({ title: `${name}: invocations, errors`, left: [fn.fn.metricInvocations(), fn.fn.metricErrors()] }),
          new cloudwatch.GraphWidget({ title: `${name}: duration`, left: [fn.fn.metricDuration({ statistic: 'p99' })] }),
        );
        return [name, fn];
      }),
    ) as Record<FunctionName, ContextFunction>;

    // The inspector app (掌上执法) on S3 + CloudFront; people sign in to it through Cognito's managed login
    // (authorization code with PKCE), which also handles MFA, and call the API with their ID token.
    const inspectorApp = new WebApp(this, 'InspectorApp', { site: resolve(props.root, 'web/inspector/dist'), logs: data.accessLogs });
    const inspectorClient = new cognito.UserPoolClient(this, 'InspectorAppClient', {
      userPool: data.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [inspectorApp.url],
        logoutUrls: [inspectorApp.url],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      readAttributes: new cognito.ClientAttributes().withCustomAttributes('agency', 'jurisdiction').withStandardAttributes({ email: true }),
    });
    new CfnOutput(this, 'InspectorAppUrl', { value: inspectorApp.url });

    // HTTP API with the Cognito JWT authorizer; POST /_local/token does not exist here (local runtime only).
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    // Client-credentials access tokens carry no `aud`: API Gateway then checks `client_id` against this list, so each
    // enforcement system's app client is listed here (`cdk deploy -c MACHINE_CLIENT_IDS=id1,id2`) and registered with
    // POST /systems.
    const machineClients = String(this.node.tryGetContext('MACHINE_CLIENT_IDS') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const authorizer = new HttpJwtAuthorizer('Cognito', `https://cognito-idp.${this.region}.amazonaws.com/${data.userPool.userPoolId}`, {
      jwtAudience: [data.webClient.userPoolClientId, inspectorClient.userPoolClientId, ...machineClients],
    });
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: 'regulator',
      description: 'Internet + Supervision platform API',
      createDefaultStage: false,
      // The web apps on CloudFront call the API with bearer tokens (no cookies), so any origin may ask.
      corsPreflight: {
        allowOrigins: ['*'],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST, apigw.CorsHttpMethod.PATCH],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        exposeHeaders: ['x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
    });
    const cfnStage = stage.node.defaultChild as apigw.CfnStage;
    cfnStage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        time: '$context.requestTime',
        routeKey: '$context.routeKey',
        status: '$context.status',
        sub: '$context.authorizer.claims.sub',
        latency: '$context.responseLatency',
      }),
    };
    // Public routes are rate-limited per route (API Gateway throttling); the local runtime applies the same limits.
    cfnStage.routeSettings = Object.fromEntries(
      routes
        .filter((r) => r.rateLimit !== undefined)
        .map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.rateLimit?.perSecond, ThrottlingBurstLimit: r.rateLimit?.burst }]),
    );
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of routes) {
      let integration = integrations.get(route.fn);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`Integration-${route.fn}`, this.functions[route.fn].fn);
        integrations.set(route.fn, integration);
      }
      const isPublic = 'public' in route.access;
      const httpRoute = new apigw.HttpRoute(this, `Route-${route.method}-${route.path}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration,
        ...(isPublic
          ? {}
          : {
              authorizer,
              ...('scopes' in route.access ? { authorizationScopes: route.access.scopes.map((s) => `regulator/${s}`) } : {}),
            }),
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions::AwsSolutions-APIG4',
          reason: 'A public route by design (topology access: public), e.g. GET /health, a liveness probe answering {"status":"ok"}.',
        });
      }
    }

    // Rules: retry policy and one dead-letter queue each; the target gets {rule, event} (see contextHandler).
    for (const rule of rules) {
      const dlq = this.deadLetterQueue(`Rule-${rule.name}`);
      new events.Rule(this, `Rule-${rule.name}`, {
        ruleName: `regulator-${rule.name}`,
        description: rule.description,
        eventBus: data.bus,
        eventPattern: toCdkPattern(rule.pattern),
        targets: [
          new targets.LambdaFunction(this.functions[rule.target].fn, {
            deadLetterQueue: dlq,
            retryAttempts: 8,
            maxEventAge: Duration.hours(24),
            event: events.RuleTargetInput.fromObject({ rule: rule.name, event: events.EventField.fromPath('$') }),
          }),
        ],
      });
    }
    for (const schedule of schedules) {
      new events.Rule(this, `Schedule-${schedule.name}`, {
        schedule: events.Schedule.expression(schedule.expression),
        targets: [
          new targets.LambdaFunction(this.functions[schedule.target].fn, {
            deadLetterQueue: this.deadLetterQueue(`Schedule-${schedule.name}`),
            retryAttempts: 2,
            event: events.RuleTargetInput.fromObject({ rule: schedule.name, event: events.EventField.fromPath('$') }),
          }),
        ],
      });
    }

    inspectorApp.deploy({
      apiUrl: this.api.apiEndpoint,
      region: this.region,
      clientId: inspectorClient.userPoolClientId,
      authDomain: data.userPoolDomain.baseUrl(),
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    // The public disclosure site (一公开): published decisions and sampling results from the public routes.
    const disclosure = new WebApp(this, 'DisclosureSite', { site: resolve(props.root, 'web/disclosure/dist'), logs: data.accessLogs });
    disclosure.deploy({ apiUrl: this.api.apiEndpoint });
    new CfnOutput(this, 'DisclosureSiteUrl', { value: disclosure.url });

    // The outbox publisher on the table stream: bisect on error, failed batches to a queue.
    const outboxFailures = this.deadLetterQueue('Outbox');
    this.functions.outbox.fn.addEventSource(
      new DynamoEventSource(data.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(outboxFailures),
        filters: [
          lambda.FilterCriteria.filter({
            eventName: lambda.FilterRule.isEqual('INSERT'),
            dynamodb: { NewImage: { kind: { S: lambda.FilterRule.isEqual('event') } } },
          }),
        ],
      }),
    );
  }

  private deadLetterQueue(name: string): sqs.Queue {
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

function toCdkPattern(pattern: (typeof rules)[number]['pattern']): events.EventPattern {
  const convert = (values: unknown[] | undefined) => (values === undefined ? undefined : (values.map((v) => v) as string[]));
  return {
    ...(pattern.source ? { source: convert(pattern.source) } : {}),
    ...(pattern['detail-type'] ? { detailType: convert(pattern['detail-type']) } : {}),
    ...(pattern.detail ? { detail: pattern.detail } : {}),
  };
}
