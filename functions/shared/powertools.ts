import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Created once per process and configured by environment (POWERTOOLS_* variables), as STYLE §5 asks. No Powertools
 * tracer: it only added a handler subsegment to the trace Lambda's active tracing already records (invocation, init,
 * the API Gateway edge), and the X-Ray SDK it loads was a tenth of every cold start (bench/README.md, function bundles).
 */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'regulator';

export const logger = new Logger({ serviceName });
/**
 * With metrics off (the local runtime runs many invocations at once in one process, sharing this instance), its
 * "no metrics to publish" warnings say nothing useful, so they are dropped; errors still reach the console.
 */
const quiet = { ...console, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Regulator',
  ...(process.env.POWERTOOLS_METRICS_DISABLED === 'true' ? { logger: quiet } : {}),
});
