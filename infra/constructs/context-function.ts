import { resolve } from 'node:path';
import { AssetHashType, DockerImage, Duration, type Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { functionBuild } from '../bundling.ts';
import { TABLE_ACTIONS } from '../table-policy.ts';
import type { FunctionSpec } from '../topology.ts';

export interface ContextFunctionProps {
  name: string;
  spec: FunctionSpec;
  root: string;
  /** What the function needs besides its bindings: its route access map and its settings. */
  environment: Record<string, string>;
}

/**
 * One Lambda per bounded context (DESIGN §2): Node.js 22 on arm64, bundled by esbuild as minified ESM with
 * source maps. Permissions are granted through the binders below, never wholesale; each binder also sets the
 * environment variable the function reads the resource's name from (as Powertools' example app binds its resources).
 */
export class ContextFunction extends Construct {
  readonly fn: lambda.Function;

  constructor(scope: Construct, id: string, props: ContextFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.SIX_MONTHS });
    const entry = resolve(props.root, props.spec.entry);
    this.fn = new lambda.Function(this, 'Function', {
      description: props.spec.description,
      // Bundled here with esbuild, split into chunks loaded on first use (infra/bundling.ts); NodejsFunction bundles
      // one file only. The hash is the output's, so an unchanged bundle is not uploaded again.
      code: lambda.Code.fromAsset(props.root, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never used: esbuild is a dev dependency and bundles locally (as NodejsFunction does when it is installed).
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          // Part of the asset's cache key (CDK keys a bundle by its source path and options, not by what `local` does):
          // without the entry here every function would get the first one's bundle.
          environment: { ENTRY: props.spec.entry },
          local: {
            tryBundle(outputDir) {
              buildSync(functionBuild(entry, outputDir));
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.spec.memoryMb,
      timeout: Duration.seconds(props.spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      environment: {
        // AsyncLocalStorage (each invocation's deadline, functions/shared/invocation.ts) without promise hooks, as on Node 24.
        NODE_OPTIONS: '--enable-source-maps --experimental-async-context-frame',
        POWERTOOLS_SERVICE_NAME: `regulator-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: 'Regulator',
        ...props.environment,
      },
    });
    const acknowledge = (id: string, reason: string) => Validations.of(this.fn).acknowledge({ id: `AwsSolutions::${id}`, reason });
    acknowledge(
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AWSLambdaBasicExecutionRole only lets the function write its own log streams; CDK attaches it to every function role.',
    );
    acknowledge(
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which take no resource-level permissions.',
    );
  }

  /**
   * Least privilege on the one table (DESIGN §5): reads and writes only under the key prefixes the topology
   * gives this function, through IAM's dynamodb:LeadingKeys condition.
   */
  bindTable(table: ITableV2, indexes: readonly string[], access: { read: readonly string[]; write: readonly string[] }): this {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    const arns = [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)];
    const statement = (actions: string[], prefixes: readonly string[]) =>
      new iam.PolicyStatement({
        actions,
        resources: arns,
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': prefixes.map((p) => `${p}*`) } },
      });
    // The same actions and prefixes the local runtime enforces on every call (infra/table-policy.ts).
    if (access.read.length > 0) this.fn.addToRolePolicy(statement([...TABLE_ACTIONS.read], access.read));
    if (access.write.length > 0) this.fn.addToRolePolicy(statement([...TABLE_ACTIONS.write], access.write));
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
    return this;
  }

  /** Powertools idempotency records (DESIGN §7), in their own table. */
  bindIdempotency(table: ITableV2): this {
    this.fn.addEnvironment('IDEMPOTENCY_TABLE_NAME', table.tableName);
    table.grantReadWriteData(this.fn);
    return this;
  }

  /** Publishes to the platform's bus (the outbox only). */
  bindBus(bus: IEventBus): this {
    this.fn.addEnvironment('EVENT_BUS_NAME', bus.eventBusName);
    bus.grantPutEventsTo(this.fn);
    return this;
  }

  /** Put (through presigned URLs), read back to hash, delete a refused upload: evidence objects only. */
  bindEvidence(bucket: IBucket): this {
    this.fn.addEnvironment('EVIDENCE_BUCKET', bucket.bucketName);
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [bucket.arnForObjects('evidence/*')],
      }),
    );
    Validations.of(this.fn).acknowledge({
      // The finding names the cross-stack reference CDK generates for the bucket's ARN.
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::RegulatorData:ExportsOutputFnGetAttEvidence4CC26D68Arn9E0A376E/evidence/*]',
      reason:
        'Evidence objects are keyed per inspection under evidence/; the function handles any inspection its callers may, checked in code.',
    });
    return this;
  }

  static suppressCommonFindings(stack: Stack): void {
    Validations.of(stack).acknowledge({
      id: 'AwsSolutions::AwsSolutions-L1',
      reason: 'The platform targets Node.js 22 on purpose (DESIGN §2): the suite runs on Node 22; 24 comes with a tested upgrade.',
    });
  }
}
