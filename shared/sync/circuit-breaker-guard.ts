import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_DIMENSIONS, METRICS } from '../observability/metric-names';
import { logger, metrics } from '../observability/powertools';
import { RateLimitedError } from '../errors';
import type { SyncDirection } from './sync-direction';
import {
  CircuitOpenError,
  writesInWindow,
  writeWindowAt,
  type CircuitBreakerPolicy,
  type WriteWindow,
} from './circuit-breaker';
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
    await this.admit(programId, record);
  }

  /**
   * Admits the write, then sends it. A write the provider or our own budget throttled was never
   * made: its admission is given back, since the queue retries the event and would otherwise
   * count the same write again at every throttled attempt (opening the circuit early under load).
   */
  async write<T>(programId: string, record: string, send: () => Promise<T>): Promise<T> {
    const window = await this.admit(programId, record);
    try {
      return await send();
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await this.counter.giveBack(programId, `${this.direction}#${record}`, window).catch((giveBackError: unknown) =>
          logger.warn('circuit breaker: throttled write still counted', {
            programId,
            record,
            reason: String(giveBackError),
          }),
        );
      }
      throw error;
    }
  }

  private async admit(programId: string, record: string): Promise<WriteWindow> {
    const window = writeWindowAt(this.policy, this.now());
    const admission = await this.counter.admit(programId, `${this.direction}#${record}`, window, this.policy);
    if (admission.admitted) return window;
    const writes = writesInWindow(admission.previousBucketWrites, admission.currentBucketWrites, window.elapsed);
    const metric = metrics.singleMetric();
    metric.addDimension(METRIC_DIMENSIONS.direction, this.direction);
    metric.addMetric(METRICS.circuitOpen, MetricUnit.Count, 1);
    logger.warn('circuit open: write refused', {
      programId,
      record,
      direction: this.direction,
      writes,
      maxWrites: this.policy.maxWrites,
      windowMinutes: this.policy.windowMinutes,
    });
    throw new CircuitOpenError(programId, record, writes, this.policy);
  }
}
