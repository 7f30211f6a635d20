import { resolve } from 'node:path';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { WebApp } from './web-app.ts';

export interface WebAppsProps {
  root: string;
  userPool: cognito.IUserPool;
  userPoolDomain: cognito.UserPoolDomain;
  logs: s3.IBucket;
}

/**
 * The platform's web apps on S3 + CloudFront: the inspector app (掌上执法), whose people sign in through Cognito's
 * managed login (authorization code with PKCE, MFA there too) and call the API with their ID token, and the public
 * disclosure site (一公开), which reads the public routes only.
 */
export class WebApps extends Construct {
  /** The inspector app's Cognito client: the API takes its tokens. */
  readonly inspectorClient: cognito.UserPoolClient;
  private readonly inspector: WebApp;
  private readonly disclosure: WebApp;
  private readonly props: WebAppsProps;

  constructor(scope: Construct, id: string, props: WebAppsProps) {
    super(scope, id);
    this.props = props;
    this.inspector = new WebApp(this, 'InspectorApp', { site: resolve(props.root, 'web/inspector/dist'), logs: props.logs });
    this.inspectorClient = new cognito.UserPoolClient(this, 'InspectorAppClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [this.inspector.url],
        logoutUrls: [this.inspector.url],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      readAttributes: new cognito.ClientAttributes().withCustomAttributes('agency', 'jurisdiction').withStandardAttributes({ email: true }),
    });
    this.disclosure = new WebApp(this, 'DisclosureSite', { site: resolve(props.root, 'web/disclosure/dist'), logs: props.logs });
    new CfnOutput(Stack.of(this), 'InspectorAppUrl', { value: this.inspector.url });
    new CfnOutput(Stack.of(this), 'DisclosureSiteUrl', { value: this.disclosure.url });
  }

  /** Uploads each app with its runtime configuration (the API's address, and for the inspector app its sign-in). */
  deploy(apiUrl: string): void {
    this.inspector.deploy({
      apiUrl,
      region: Stack.of(this).region,
      clientId: this.inspectorClient.userPoolClientId,
      authDomain: this.props.userPoolDomain.baseUrl(),
    });
    this.disclosure.deploy({ apiUrl });
  }
}
