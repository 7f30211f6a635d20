import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type { Construct } from 'constructs';
import { ContextFunction } from '../constructs/context-function.ts';
import { EventRules } from '../constructs/event-rules.ts';
import { TopologyHttpApi } from '../constructs/http-api.ts';
import { Monitoring } from '../constructs/monitoring.ts';
import { Outbox } from '../constructs/outbox.ts';
import { WebApps } from '../constructs/web-apps.ts';
import { type FunctionName, functions, routeAccess, routes, rules, schedules, table } from '../topology.ts';
import type { DataStack } from './data-stack.ts';

export interface ServiceStackProps extends StackProps {
  data: DataStack;
  root: string;
}

/** Stateless resources built from the topology: functions, the HTTP API, rules, the outbox, the web apps, alarms. */
export class ServiceStack extends Stack {
  readonly api: apigw.HttpApi;
  readonly functions: Record<FunctionName, ContextFunction>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { data } = props;
    const monitoring = new Monitoring(this, 'Monitoring');
    this.functions = this.contextFunctions(props, monitoring);
    const fns = Object.fromEntries(Object.entries(this.functions).map(([name, f]) => [name, f.fn])) as Record<
      FunctionName,
      ContextFunction['fn']
    >;

    const apps = new WebApps(this, 'WebApps', {
      root: props.root,
      userPool: data.userPool,
      userPoolDomain: data.userPoolDomain,
      logs: data.accessLogs,
    });
    // Client-credentials access tokens carry no `aud`: API Gateway then checks `client_id` against this list, so each
    // enforcement system's app client is listed here (`cdk deploy -c MACHINE_CLIENT_IDS=id1,id2`) and registered with
    // POST /systems. POST /_local/token does not exist here (local runtime only).
    const machineClients = String(this.node.tryGetContext('MACHINE_CLIENT_IDS') ?? '')
      .split(',')
      .map((clientId) => clientId.trim())
      .filter((clientId) => clientId !== '');
    this.api = new TopologyHttpApi(this, 'HttpApi', {
      routes,
      functions: fns,
      userPool: data.userPool,
      audiences: [
        data.webClient.userPoolClientId,
        apps.inspectorClient.userPoolClientId,
        apps.consoleClient.userPoolClientId,
        ...machineClients,
      ],
    }).api;
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    apps.deploy(this.api.apiEndpoint);

    new EventRules(this, 'EventRules', { bus: data.bus, rules, schedules, functions: fns, monitoring });
    new Outbox(this, 'Outbox', { table: data.table, publisher: this.functions.outbox.fn, monitoring });
  }

  /** One function per context, bound to what its topology entry declares and nothing more, each watched. */
  private contextFunctions(props: ServiceStackProps, monitoring: Monitoring): Record<FunctionName, ContextFunction> {
    const { data } = props;
    const built = (Object.keys(functions) as FunctionName[]).map((name) => {
      const spec = functions[name];
      const settings = Object.entries(spec.settings ?? {}).map(([key, fallback]) => [
        key,
        String(this.node.tryGetContext(key) ?? fallback),
      ]);
      const fn = new ContextFunction(this, `Fn-${name}`, {
        name,
        spec,
        root: props.root,
        environment: { ROUTE_ACCESS: JSON.stringify(routeAccess(name)), ...Object.fromEntries(settings) },
      });
      fn.bindTable(
        data.table,
        table.indexes.map((i) => i.name),
        spec.table,
      );
      if (spec.idempotency) fn.bindIdempotency(data.idempotencyTable);
      if (spec.publishesEvents) fn.bindBus(data.bus);
      if (spec.evidence) fn.bindEvidence(data.evidenceBucket);
      monitoring.watchFunction(name, fn.fn);
      return [name, fn] as const;
    });
    return Object.fromEntries(built) as Record<FunctionName, ContextFunction>;
  }
}
