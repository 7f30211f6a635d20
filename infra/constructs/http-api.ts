import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteSpec } from '../topology.ts';

export interface HttpApiProps {
  routes: readonly RouteSpec[];
  functions: Record<FunctionName, lambda.IFunction>;
  userPool: cognito.IUserPool;
  /** The app clients whose tokens the API takes (`aud`, or `client_id` for client-credentials tokens). */
  audiences: readonly string[];
}

/**
 * The HTTP API from the topology's routes: one Lambda integration per function, the Cognito JWT authorizer on every
 * route that is not public (scopes on machine routes), per-route throttling of the rate-limited ones, access logs.
 */
export class TopologyHttpApi extends Construct {
  readonly api: apigw.HttpApi;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR });
    const authorizer = new HttpJwtAuthorizer('Cognito', `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`, {
      jwtAudience: [...props.audiences],
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
      props.routes
        .filter((r) => r.rateLimit !== undefined)
        .map((r) => [`${r.method} ${r.path}`, { ThrottlingRateLimit: r.rateLimit?.perSecond, ThrottlingBurstLimit: r.rateLimit?.burst }]),
    );
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.fn);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`Integration-${route.fn}`, props.functions[route.fn]);
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
  }
}
