import { resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import { type FunctionName, functions } from '../topology.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** Loads each function's handler once, from the same entry file the CDK app bundles, and invokes it like Lambda. */
export class LambdaInvoker {
  private readonly loaded = new Map<FunctionName, Promise<Handler>>();

  constructor(private readonly root: string) {}

  private load(fn: FunctionName): Promise<Handler> {
    let handler = this.loaded.get(fn);
    if (handler === undefined) {
      handler = import(resolve(this.root, functions[fn].entry)).then((module: { handler?: Handler; default?: { handler?: Handler } }) => {
        const exported = module.handler ?? module.default?.handler;
        if (typeof exported !== 'function') throw new Error(`${functions[fn].entry} exports no handler`);
        return exported;
      });
      this.loaded.set(fn, handler);
    }
    return handler;
  }

  async preload(): Promise<void> {
    await Promise.all((Object.keys(functions) as FunctionName[]).map((fn) => this.load(fn)));
  }

  async invoke(fn: FunctionName, event: unknown): Promise<unknown> {
    const handler = await this.load(fn);
    return handler(event, lambdaContext(fn));
  }
}

function lambdaContext(fn: FunctionName): Context {
  const deadline = Date.now() + functions[fn].timeoutSeconds * 1000;
  const requestId = crypto.randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: `regulator-local-${fn}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:regulator-local-${fn}`,
    memoryLimitInMB: String(functions[fn].memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/regulator-local-${fn}`,
    logStreamName: requestId,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
