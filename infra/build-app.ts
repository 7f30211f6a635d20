import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ContextFunction } from './constructs/context-function.ts';
import { DataStack } from './stacks/data-stack.ts';
import { ServiceStack } from './stacks/service-stack.ts';

/** The CDK app: a data stack and a service stack, both from the topology; cdk-nag (AwsSolutions) on all of it. */
export function buildApp(root: string, app = new App()): { app: App; data: DataStack; service: ServiceStack } {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const data = new DataStack(app, 'RegulatorData', { env, description: 'Regulator platform: tables, bus, evidence, users' });
  const service = new ServiceStack(app, 'RegulatorService', { env, data, root, description: 'Regulator platform: functions and API' });
  ContextFunction.suppressCommonFindings(service);
  Tags.of(app).add('project', 'regulator-platform');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, data, service };
}
