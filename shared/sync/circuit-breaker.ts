import * as z from 'zod';
import { ConfigurationError, PermanentError } from '../errors';

/**
 * The per-record circuit breaker: a record written more than `maxWrites` times in
 * `windowMinutes` is not written again until the rate falls. An echo that slips past echo
 * suppression makes the two directions write one record back and forth for ever; this caps
 * what such a loop can cost in provider calls, and its metric raises an alarm.
 *
 * Writes are counted per window-sized bucket of wall-clock time. The count over the last
 * window is estimated from the current bucket and the previous one, the part of the previous
 * bucket that still lies inside the window weighing in proportionally:
 *
 *      previous bucket          current bucket
 *   |----------------------|-----------x----------|
 *              |<------- window ------>|
 *              ^ (1 - elapsed) of the previous bucket still counts
 *
 * A fixed window alone would let a loop write 2×maxWrites across a bucket boundary.
 */
export interface CircuitBreakerPolicy {
  readonly maxWrites: number;
  readonly windowMinutes: number;
}

export const defaultCircuitBreakerPolicy: CircuitBreakerPolicy = { maxWrites: 20, windowMinutes: 10 };

/** Environment variables that override the default policy for a deployment (both optional). */
export const CIRCUIT_BREAKER_ENV = {
  maxWrites: 'CIRCUIT_BREAKER_MAX_WRITES',
  windowMinutes: 'CIRCUIT_BREAKER_WINDOW_MINUTES',
} as const;

/** Where a moment falls: the bucket it counts in, and how far into that bucket it is (0 to <1). */
export interface WriteWindow {
  readonly bucket: number;
  readonly elapsed: number;
  /** Epoch seconds after which the bucket's counter is of no use, also as the previous bucket. */
  readonly expiresAt: number;
}

export function writeWindowAt(policy: CircuitBreakerPolicy, now: Date): WriteWindow {
  const windowMs = policy.windowMinutes * 60_000;
  const bucket = Math.floor(now.getTime() / windowMs);
  return {
    bucket,
    elapsed: (now.getTime() - bucket * windowMs) / windowMs,
    expiresAt: Math.ceil(((bucket + 2) * windowMs) / 1000) + 60,
  };
}

/**
 * How many writes the current bucket may hold at this moment, given what the previous bucket
 * holds: a write is admitted while the current bucket's count is below this number.
 */
export function writeAllowance(policy: CircuitBreakerPolicy, previousBucketWrites: number, elapsed: number): number {
  const carried = previousBucketWrites * (1 - Math.min(1, Math.max(0, elapsed)));
  return Math.max(0, Math.floor(policy.maxWrites - carried));
}

/** The estimated writes in the last window, for the audit reason and the logs. */
export function writesInWindow(previousBucketWrites: number, currentBucketWrites: number, elapsed: number): number {
  return Math.round(previousBucketWrites * (1 - Math.min(1, Math.max(0, elapsed))) + currentBucketWrites);
}

const positiveInteger = z.coerce.number().int().positive();

/** The policy from the environment; missing variables keep the defaults, malformed ones fail the function at init. */
export function circuitBreakerPolicyFrom(
  environment: NodeJS.ProcessEnv = process.env,
  defaults: CircuitBreakerPolicy = defaultCircuitBreakerPolicy,
): CircuitBreakerPolicy {
  const read = (name: string, fallback: number): number => {
    const raw = environment[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = positiveInteger.safeParse(raw);
    if (!parsed.success)
      throw new ConfigurationError(`Invalid configuration: ${name} must be a positive whole number, got "${raw}"`);
    return parsed.data;
  };
  return {
    maxWrites: read(CIRCUIT_BREAKER_ENV.maxWrites, defaults.maxWrites),
    windowMinutes: read(CIRCUIT_BREAKER_ENV.windowMinutes, defaults.windowMinutes),
  };
}

/**
 * A write refused because its record's circuit is open. Permanent for this event: retrying
 * it at once would only be refused again, so the event is audited `rejected` with this reason
 * and the next genuine change of the record is written once the rate has fallen.
 */
export class CircuitOpenError extends PermanentError {
  readonly programId: string;
  readonly record: string;
  readonly writesInWindow: number;

  constructor(programId: string, record: string, writes: number, policy: CircuitBreakerPolicy) {
    super(
      'circuit-open',
      `circuit open: ${record} was written about ${writes} times in the last ` +
        `${policy.windowMinutes} min (limit ${policy.maxWrites}); not written again until the rate ` +
        `falls`,
    );
    this.programId = programId;
    this.record = record;
    this.writesInWindow = writes;
  }
}
