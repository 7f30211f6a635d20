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
 * The platform's web apps on S3 + CloudFront: the inspector app (掌上执法) and the console (执法监管工作台, officers,
 * reviewers, supervisors, auditors), whose people sign in through Cognito's managed login (authorization code with
 * PKCE, MFA there too) and call the API with their ID token, and the public disclosure site (一公开), which reads the
 * public routes only.
 */
export class WebApps extends Construct {
  /** The inspector app's Cognito client: the API takes its tokens. */
  readonly inspectorClient: cognito.UserPoolClient;
  /** The console's Cognito client: the API takes its tokens too. */
  readonly consoleClient: cognito.UserPoolClient;
  private readonly inspector: WebApp;
  private readonly console: WebApp;
  private readonly disclosure: WebApp;
  private readonly props: WebAppsProps;

  constructor(scope: Construct, id: string, props: WebAppsProps) {
    super(scope, id);
    this.props = props;
    this.inspector = new WebApp(this, 'InspectorApp', { site: resolve(props.root, 'web/inspector/dist'), logs: props.logs });
    this.inspectorClient = this.signInClient('InspectorAppClient', this.inspector);
    this.console = new WebApp(this, 'Console', { site: resolve(props.root, 'web/console/dist'), logs: props.logs });
    this.consoleClient = this.signInClient('ConsoleClient', this.console);
    this.disclosure = new WebApp(this, 'DisclosureSite', { site: resolve(props.root, 'web/disclosure/dist'), logs: props.logs });
    new CfnOutput(Stack.of(this), 'InspectorAppUrl', { value: this.inspector.url });
    new CfnOutput(Stack.of(this), 'DisclosureSiteUrl', { value: this.disclosure.url });
    new CfnOutput(Stack.of(this), 'ConsoleUrl', { value: this.console.url });
  }

  /** A public client (no secret) for an app's managed login: authorization code with PKCE, back to the app only. */
  private signInClient(id: string, app: WebApp): cognito.UserPoolClient {
    return new cognito.UserPoolClient(this, id, {
      userPool: this.props.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [app.url],
        logoutUrls: [app.url],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      readAttributes: new cognito.ClientAttributes().withCustomAttributes('agency', 'jurisdiction').withStandardAttributes({ email: true }),
    });
  }

  /** Uploads each app with its runtime configuration (the API's address, and for the inspector app its sign-in). */
  deploy(apiUrl: string): void {
    this.inspector.deploy({
      apiUrl,
      region: Stack.of(this).region,
      clientId: this.inspectorClient.userPoolClientId,
      authDomain: this.props.userPoolDomain.baseUrl(),
    });
    this.console.deploy({
      apiUrl,
      region: Stack.of(this).region,
      clientId: this.consoleClient.userPoolClientId,
      authDomain: this.props.userPoolDomain.baseUrl(),
    });
    this.disclosure.deploy({ apiUrl });
  }
}
