import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** A web app from its built folder: a private bucket, CloudFront in front (origin access control), HTTPS only. */
export class WebApp extends Construct {
  readonly distribution: cloudfront.Distribution;
  private readonly bucket: s3.Bucket;
  private readonly site: string;

  constructor(scope: Construct, id: string, props: { site: string; logs: s3.IBucket }) {
    super(scope, id);
    this.site = props.site;
    const bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logs,
      serverAccessLogsPrefix: `${id}/`,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: `${id}-cdn/`,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.bucket = bucket;
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}/`;
  }

  /** Uploads the built site, with `config` inlined into index.html (no extra round trip before the first API call). */
  deploy(config: Record<string, string>): void {
    const bucket = this.bucket;
    new deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: bucket,
      sources: [
        deploy.Source.asset(this.site, { exclude: ['index.html'] }),
        deploy.Source.data(
          'index.html',
          readFileSync(join(this.site, 'index.html'), 'utf8').replace(
            '<!--config-->',
            `<script id="config" type="application/json">${Stack.of(this).toJsonString(config)}</script>`,
          ),
        ),
      ],
      distribution: this.distribution,
      cacheControl: [deploy.CacheControl.fromString('no-cache')],
      memoryLimit: 256,
    });
    const ack = (scopeOf: Construct, rule: string, reason: string) =>
      Validations.of(scopeOf).acknowledge({ id: `AwsSolutions::${rule}`, reason });
    ack(
      this.distribution,
      'AwsSolutions-CFR1',
      'A static shell open to every country (inspectors travel, the public reads from anywhere); the API checks every call.',
    );
    ack(
      this.distribution,
      'AwsSolutions-CFR2',
      'The distribution serves static files only; the API behind API Gateway is throttled per route.',
    );
    ack(
      this.distribution,
      'AwsSolutions-CFR4',
      'The default CloudFront certificate allows TLS 1.2+ only with a custom domain; add one with a certificate in production.',
    );
    // BucketDeployment runs a CDK-provided singleton function at stack level; its grants are CDK's own.
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const bucketArn = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    const deployer =
      'CDK’s BucketDeployment function copies the site from the CDK asset bucket into this bucket and invalidates CloudFront.';
    for (const finding of [
      'AwsSolutions-L1',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      `AwsSolutions-IAM5[Resource::arn:aws:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*]`,
      `AwsSolutions-IAM5[Resource::<${bucketArn}.Arn>/*]`,
    ]) {
      ack(stack, finding, deployer);
    }
  }
}
