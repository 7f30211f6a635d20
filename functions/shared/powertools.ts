import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** Created once per process and configured by environment (POWERTOOLS_* variables), as STYLE §5 asks. */
const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'regulator';

export const logger = new Logger({ serviceName });
export const tracer = new Tracer({ serviceName });
export const metrics = new Metrics({
  serviceName,
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Regulator',
});
