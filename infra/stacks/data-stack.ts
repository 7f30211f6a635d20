import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ROLES, SCOPES } from '#shared/principal';
import { EVENT_BUS_NAME, idempotencyTable, table } from '../topology.ts';

/**
 * Stateful resources (STYLE §6): the case-record table, the idempotency table, the bus and its archive,
 * the evidence bucket and the user pool. Kept apart so the service stack can be replaced freely.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;
  readonly idempotencyTable: dynamodb.TableV2;
  readonly bus: events.EventBus;
  readonly evidenceBucket: s3.Bucket;
  readonly accessLogs: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly resourceServer: cognito.UserPoolResourceServer;
  readonly webClient: cognito.UserPoolClient;
  readonly userPoolDomain: cognito.UserPoolDomain;
  readonly scopes: Record<string, cognito.ResourceServerScope>;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.TableV2(this, 'Records', {
      partitionKey: key(table.partitionKey),
      sortKey: key(table.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      dynamoStream: dynamodb.StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: table.ttlAttribute,
      globalSecondaryIndexes: table.indexes.map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.idempotencyTable = new dynamodb.TableV2(this, 'Idempotency', {
      partitionKey: key(idempotencyTable.partitionKey),
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: idempotencyTable.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.bus = new events.EventBus(this, 'Bus', { eventBusName: EVENT_BUS_NAME });
    this.bus.archive('Archive', {
      description: 'Every platform event, for replay',
      eventPattern: { source: events.Match.prefix('regulator.') },
      retention: Duration.days(3 * 365),
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(3 * 365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it to itself would loop.',
    });

    this.accessLogs = accessLogs;
    this.evidenceBucket = new s3.Bucket(this, 'Evidence', {
      // Browsers PUT evidence to presigned URLs and GET it back (a teammate's photos); the signature, not the origin,
      // is the authority.
      cors: [
        {
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
          allowedOrigins: ['*'],
          allowedHeaders: ['content-type'],
          maxAge: 3600,
        },
      ],
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'evidence/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // DESIGN §5: every principal carries its agency and a 6-digit jurisdiction.
        agency: new cognito.StringAttribute({ minLen: 1, maxLen: 40, mutable: true }),
        jurisdiction: new cognito.StringAttribute({ minLen: 2, maxLen: 6, mutable: true }),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, { userPoolId: this.userPool.userPoolId, groupName: role });
    }
    this.scopes = Object.fromEntries(
      SCOPES.map((s) => [s, new cognito.ResourceServerScope({ scopeName: s, scopeDescription: `Machine clients: ${s}` })]),
    );
    this.resourceServer = this.userPool.addResourceServer('Api', {
      identifier: 'regulator',
      scopes: Object.values(this.scopes),
    });
    this.userPoolDomain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: `regulator-${this.account}` } });
    this.webClient = this.userPool.addClient('Web', {
      authFlows: { userSrp: true },
      generateSecret: false,
      readAttributes: new cognito.ClientAttributes().withCustomAttributes('agency', 'jurisdiction').withStandardAttributes({ email: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });
  }
}
