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

  /**
   * Invokes as Lambda does, within the function's timeout: past it the invocation fails with FunctionTimeoutError
   * (what Lambda reports as "Task timed out"), whatever the handler is still doing.
   */
  async invoke(fn: FunctionName, event: unknown): Promise<unknown> {
    const handler = await this.load(fn);
    const timeoutMs = functions[fn].timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(fn, functions[fn].timeoutSeconds)), timeoutMs);
    });
    try {
      return await Promise.race([handler(event, lambdaContext(fn)), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

export class FunctionTimeoutError extends Error {
  constructor(
    readonly fn: FunctionName,
    seconds: number,
  ) {
    super(`${fn}: task timed out after ${seconds} seconds`);
    this.name = 'FunctionTimeoutError';
  }
}

/** The context Lambda hands a handler (exported for benchmarks that invoke a handler of their own the same way). */
export function lambdaContext(fn: FunctionName): Context {
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
