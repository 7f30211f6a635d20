import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ROLES } from '#shared/principal';
import { buildApp } from '../../infra/build-app.ts';
import { buildWebApps } from '../../infra/local/web-apps.ts';
import { functions, routes, rules, schedules } from '../../infra/topology.ts';

const root = resolve(__dirname, '../..');

describe('the CDK app built from the topology', () => {
  let data: Template;
  let service: Template;
  beforeAll(async () => {
    await buildWebApps(root);
    const built = buildApp(root, new App({ outdir: resolve(root, 'cdk.out/test-infra') }));
    built.app.synth(); // runs cdk-nag: any unacknowledged AwsSolutions finding fails synthesis
    data = Template.fromStack(built.data);
    service = Template.fromStack(built.service);
  }, 120_000);

  it('keeps the records table on demand, with point-in-time recovery, a NEW_IMAGE stream and a TTL attribute', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      Replicas: [
        Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true }),
      ],
      GlobalSecondaryIndexes: ['gsi1', 'gsi2', 'gsi3'].map((name) => Match.objectLike({ IndexName: name })),
    });
  });

  it('has the Powertools idempotency table keyed by id with its expiration TTL', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    });
  });

  it('has a custom event bus with an archive of every platform event', () => {
    data.resourceCountIs('AWS::Events::EventBus', 1);
    data.hasResourceProperties('AWS::Events::Archive', { EventPattern: { source: [{ prefix: 'regulator.' }] } });
  });

  it('keeps evidence in a versioned, encrypted bucket with public access blocked and TLS enforced', () => {
    data.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({}),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({}),
    });
  });

  it('has a user pool with one group per role, agency and jurisdiction attributes, and the events:write scope', () => {
    data.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'agency', AttributeDataType: 'String', Mutable: true }),
        Match.objectLike({ Name: 'jurisdiction', AttributeDataType: 'String', Mutable: true }),
      ]),
    });
    for (const role of ROLES) data.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
    data.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', { Scopes: [Match.objectLike({ ScopeName: 'events:write' })] });
  });

  it('runs one Node.js 22 arm64 function per context, with tracing', () => {
    const contextFunctions = Object.values(service.findResources('AWS::Lambda::Function')).filter(
      (f) => !JSON.stringify(f).includes('CDKBucketDeployment'),
    );
    expect(contextFunctions).toHaveLength(Object.keys(functions).length);
    for (const f of contextFunctions as { Properties: Record<string, unknown> }[]) {
      expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    }
  });

  it("bundles each function from its own entry, split into chunks (its asset's source map names its handler)", () => {
    const contextFunctions = Object.values(service.findResources('AWS::Lambda::Function')) as {
      Properties: { Code: { S3Key: string }; Environment: { Variables: Record<string, string> }; Handler: string };
    }[];
    const keys = new Set<string>();
    for (const name of Object.keys(functions)) {
      const f = contextFunctions.find((c) => c.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === `regulator-${name}`);
      expect(f?.Properties.Handler).toBe('index.handler');
      const asset = resolve(root, 'cdk.out/test-infra', `asset.${f?.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
      const map = JSON.parse(readFileSync(resolve(asset, 'index.mjs.map'), 'utf8')) as { sources: string[] };
      expect(map.sources.some((source) => source.endsWith(`functions/${name}/handler.ts`))).toBe(true);
      keys.add(f?.Properties.Code.S3Key ?? '');
    }
    expect(keys.size).toBe(Object.keys(functions).length);
    const cases = contextFunctions.find((c) => c.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === 'regulator-cases');
    const chunks = readdirSync(
      resolve(root, 'cdk.out/test-infra', `asset.${cases?.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'chunks'),
    );
    expect(chunks.filter((c) => c.endsWith('.mjs')).length).toBeGreaterThan(1);
  });

  it('gives a function its domain settings with their defaults, and takes overrides and machine clients from the CDK context', () => {
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CASE_WARN_DAYS: '10', CASE_SMALL_FINE_MAX: '10000' }) },
    });
    const app = new App({
      outdir: resolve(root, 'cdk.out/test-infra-context'),
      context: { CASE_WARN_DAYS: '7', MACHINE_CLIENT_IDS: 'tax-client-1, police-client-2' },
    });
    const built = buildApp(root, app);
    const template = Template.fromStack(built.service);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CASE_WARN_DAYS: '7' }) },
    });
    // Enforcement systems' app clients are accepted by the JWT authorizer (their tokens carry client_id, no aud).
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: Match.arrayWith(['tax-client-1', 'police-client-2']) },
    });
  });

  it('serves every topology route through the HTTP API, behind the JWT authorizer unless public, and no /_local route', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const declared = service.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(declared).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    expect(keys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    expect(keys.some((k) => k.includes('/_local'))).toBe(false);
    for (const route of Object.values(declared) as { Properties: { RouteKey: string; AuthorizationType: string } }[]) {
      const spec = routes.find((r) => `${r.method} ${r.path}` === route.Properties.RouteKey);
      expect([route.Properties.RouteKey, route.Properties.AuthorizationType]).toEqual([
        route.Properties.RouteKey,
        spec && 'public' in spec.access ? 'NONE' : 'JWT',
      ]);
    }
  });

  it('gives each rule a retry policy and a dead-letter queue, delivering {rule, event}', () => {
    service.resourceCountIs('AWS::Events::Rule', rules.length + schedules.length);
    service.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [{ prefix: 'regulator.' }] },
      Targets: [
        Match.objectLike({
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 86400 },
          DeadLetterConfig: { Arn: Match.anyValue() },
          InputTransformer: Match.objectLike({ InputTemplate: Match.stringLikeRegexp('"rule":"activity-feed"') }),
        }),
      ],
    });
  });

  it('runs the outbox publisher on the table stream with bisect on error and an on-failure destination', () => {
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      StartingPosition: 'TRIM_HORIZON',
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('runs each schedule with {rule, event} input and a dead-letter queue', () => {
    for (const schedule of schedules) {
      service.hasResourceProperties('AWS::Events::Rule', {
        ScheduleExpression: schedule.expression,
        Targets: [
          Match.objectLike({
            DeadLetterConfig: Match.anyValue(),
            InputTransformer: Match.objectLike({ InputTemplate: Match.stringLikeRegexp(`"rule":"${schedule.name}"`) }),
          }),
        ],
      });
    }
  });

  it('throttles the public routes per route', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: { 'GET /public/sampling-tasks': { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 20 } },
    });
  });

  it('serves the inspector app, the console and the disclosure site from private buckets through CloudFront, HTTPS only, with the API’s address', () => {
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true }),
        Logging: Match.objectLike({}),
      }),
    });
    service.hasResourceProperties('AWS::CloudFront::OriginAccessControl', Match.objectLike({}));
    service.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionId: Match.anyValue(), Prune: true });
    // Three sites: the inspector app, the console and the public disclosure site, each with its own bucket and distribution.
    service.resourceCountIs('AWS::CloudFront::Distribution', 3);
    service.resourceCountIs('Custom::CDKBucketDeployment', 3);
    service.hasOutput('DisclosureSiteUrl', {});
    service.hasOutput('ConsoleUrl', {});
  });

  it('signs inspectors and console users in through Cognito’s managed login (code flow with PKCE, one client per app) and accepts their tokens', () => {
    service.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.anyValue() })],
    });
    const authorizer = Object.values(service.findResources('AWS::ApiGatewayV2::Authorizer'))[0] as {
      Properties: { JwtConfiguration: { Audience: unknown[] } };
    };
    // The pool's own client, the inspector app's and the console's.
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(3);
    const appClients = Object.values(service.findResources('AWS::Cognito::UserPoolClient')).filter(
      (c) => (c as { Properties: { AllowedOAuthFlows?: string[] } }).Properties.AllowedOAuthFlows?.includes('code') === true,
    );
    expect(appClients).toHaveLength(2);
  });

  it('alarms on dead-letter depth and on function errors', () => {
    service.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0 });
    service.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda' });
  });

  it('limits each function to its own key prefixes with dynamodb:LeadingKeys', () => {
    service.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: Match.arrayWith(['dynamodb:PutItem', 'dynamodb:BatchWriteItem']),
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': functions.directory.table.write.map((p) => `${p}*`) } },
          }),
        ]),
      },
    });
  });
});

describe('cdk-nag', () => {
  it('fails synthesis on an unacknowledged AwsSolutions finding, so a clean synth means something', () => {
    const app = new App({ outdir: resolve(root, 'cdk.out/test-nag') });
    const stack = new Stack(app, 'Bad');
    new s3.Bucket(stack, 'Plain');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });
});
