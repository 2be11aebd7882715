import { localAwsEndpoints } from '../../support/local-aws-clients';
import { issueChaos } from './chaos-soak';
import { startChaosWorld, type ChaosWorld } from './chaos-world';
import { SeededRandom } from './seeded-random';

/**
 * No lost, duplicated or late deliveries, no provider faults, no killed batches. The visibility
 * timeout is long, as in AWS (at least 6x the worker's timeout, enforced at synth): with no batch
 * killed nothing waits for it (retries set their own delay), and a batch slowed down by a busy
 * machine is not handed to a second worker while the first still runs it. The soak's 2 s (for
 * quick redelivery of killed batches) broke that on a loaded machine: a deal's claim looked
 * abandoned while its first attempt was still creating the transaction, and it was paid twice.
 */
const calm = issueChaos({
  relay: { duplicate: 0, lose: 0, maxDelayMs: 0 },
  providers: { rateLimited: 0, serverError: 0, timeout: 0, timeoutHoldMs: 0 },
  killBatch: 0,
  visibilityTimeoutSeconds: 60,
});

/**
 * The chaos world with its chaos turned off: both directions on the local stack (real routes,
 * queues and workers, both simulators), one program connected both ways. For tests that drive
 * one scenario step by step; the seed only picks the simulators' ids.
 */
export function startCalmWorld(seed: number): Promise<ChaosWorld> {
  return startChaosWorld(new SeededRandom(seed), calm, localAwsEndpoints());
}
