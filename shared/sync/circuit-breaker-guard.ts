import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_DIMENSIONS, METRICS } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import type { SyncDirection } from '../sync-queues';
import { CircuitOpenError, writesInWindow, writeWindowAt, type CircuitBreakerPolicy } from './circuit-breaker';
import type { WriteCounter } from './circuit-breaker-repository';

/**
 * Asked before every provider write of one direction. Throws `CircuitOpenError` (a
 * `PermanentError`: the event is audited `rejected` with reason "circuit open") instead of
 * letting the write through once the record has been written too often, and counts the refusal
 * in the `CircuitOpen` metric that the alarm watches.
 */
export class RecordCircuitBreaker {
  constructor(
    private readonly counter: WriteCounter,
    readonly policy: CircuitBreakerPolicy,
    private readonly direction: SyncDirection,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** `record` names the provider record as the source knows it, e.g. `partner:123` or `attio:<record id>`. */
  async beforeWrite(programId: string, record: string): Promise<void> {
    const window = writeWindowAt(this.policy, this.now());
    const admission = await this.counter.admit(programId, `${this.direction}#${record}`, window, this.policy);
    if (admission.admitted) return;
    const writes = writesInWindow(admission.previousBucketWrites, admission.currentBucketWrites, window.elapsed);
    const metric = metrics.singleMetric();
    metric.addDimension(METRIC_DIMENSIONS.direction, this.direction);
    metric.addMetric(METRICS.circuitOpen, MetricUnit.Count, 1);
    logger.warn('circuit open: write refused', { programId, record, direction: this.direction, writes, maxWrites: this.policy.maxWrites, windowMinutes: this.policy.windowMinutes });
    throw new CircuitOpenError(programId, record, writes, this.policy);
  }
}
