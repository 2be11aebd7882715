import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics instance per function. The service name comes from
 * POWERTOOLS_SERVICE_NAME; metrics carry only the direction as a dimension (never the
 * program), because a dimension per tenant multiplies CloudWatch's bill.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'partnero-attio-sync' });

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'PartneroAttioSync',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'partnero-attio-sync',
});
