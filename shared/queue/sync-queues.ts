import { createHash } from 'node:crypto';
import type { SyncDirection } from '../sync/sync-direction';
import { sqsGroupId } from './send-queue-messages';

/**
 * The two sync directions, each fed by its own high-throughput FIFO queue with a dead-letter
 * queue. All programs share the queue; a program's messages travel in a few lanes of its own:
 *
 *   program A (flooded): A#lane-0 ▓▓▓▓▓▓▓▓   A#lane-1 ▓▓▓▓▓▓▓   ...   A#lane-7 ▓▓▓▓▓▓
 *   program B:           B#lane-2 ▓          B#lane-0 ▓
 *                             │ the message group is the lane: while a batch of a group is in
 *                             ▼ flight SQS hands out nothing else of it
 *   worker batches in flight: A0 A1 ... A7 B2 B0 ... (never two of one lane)
 *
 * - Fairness: a FIFO event source never runs two batches of one message group at once, so a
 *   program holds at most LANES_PER_PROGRAM of the worker's concurrent batches however deep
 *   its backlog; everything above that serves the other programs at once. With one group per
 *   record (before), a flood of 1,500 records was 1,500 groups ahead of everyone else.
 * - Order: a record always maps to the same lane (a hash of the record), so its events are
 *   still consumed one at a time in arrival order, and the worker applies the events of one
 *   record in a batch one after another (`recordKey`, see `shared/queue/batch-by-record.ts`).
 *   Different records of a lane carry no order between them: each is applied against the
 *   current state it re-reads, with Partnero's version guard and the deal's commission claim
 *   (a conditional write), so their relative order changes nothing.
 * - Why not an SQS fair queue (a standard queue with the program as message group): standard
 *   queues deliver at least once, out of order and without deduplication ids, so two copies of
 *   one record's event could run at once in two workers, and the webhook routes' deduplication
 *   would be lost. Several FIFO queues with programs spread over them would only make the
 *   noisy neighbour rarer (everyone in its shard still waits). See the README, "Fairness".
 */
export { syncDirections, type SyncDirection } from '../sync/sync-direction';

/** After this many failed receives a message moves to the DLQ with its body intact. */
export const MAX_RECEIVE_COUNT = 5;

/**
 * Lanes (message groups) per program. In AWS a lane's batch holds up to 10 messages applied in
 * parallel by record, about 0.3-0.5 s at AWS latencies: 8 lanes carry well over 100 changes/s
 * for one program, several times Attio's 25 writes/s per workspace, while a flooded program
 * takes only 8 of the event source's concurrent batches (see `lib/stage-config.ts`). The local
 * stack's fauxqs hands out one message per group per receive, so there a program has at most 8
 * messages in flight: still enough to reach Attio's limit, so the local benchmarks see it bind.
 */
export const LANES_PER_PROGRAM = 8;

/** Where the messages of one record go: its program's lane (the SQS message group), and the key the worker orders by. */
export interface RecordRoute {
  readonly groupId: string;
  /** The record within the program, e.g. `prog#partner#p-1`: the worker applies one record's events one at a time. */
  readonly recordKey: string;
}

/** The route of a record's messages: `record` names it within its program, e.g. (`partner`, `p-1`) or an Attio record id. */
export function recordRoute(programId: string, ...record: string[]): RecordRoute {
  const recordKey = sqsGroupId(programId, ...record);
  return { groupId: sqsGroupId(programId, `lane-${laneOf(recordKey)}`), recordKey };
}

function laneOf(recordKey: string): number {
  return createHash('sha256').update(recordKey).digest().readUInt32BE(0) % LANES_PER_PROGRAM;
}

/**
 * High-throughput FIFO: deduplication and the throughput quota per message group instead of per
 * queue, so the queue is not capped at 300 messages/s (3,000 batched). A delivery's
 * deduplication id always comes with the same record, so the same lane: nothing that was
 * deduplicated before escapes it now.
 */
export const HIGH_THROUGHPUT_FIFO = {
  deduplicationScope: 'messageGroup',
  fifoThroughputLimit: 'perMessageGroupId',
} as const;

/**
 * Each queue's queue-level delivery delay (FIFO queues take no per-message delay): the Attio ->
 * Partnero queue holds every message back for one Attio event window, so that the message its
 * route keeps of identical events is read after their window has closed and none of the changes
 * they announced is missed (shared/attio-to-partnero/attio-event-deduplication.ts). The Partnero
 * route keys its deliveries by their record's version or their receipt time, never by a window,
 * so its queue does not wait. The CDK stack and the local stack both take it from here.
 */
export function deliveryDelaySecondsOf(direction: SyncDirection, attioEventWindowSeconds: number): number {
  return direction === 'attio-to-partnero' ? attioEventWindowSeconds : 0;
}

export function queueNameFor(prefix: string, direction: SyncDirection): string {
  return `${prefix}-${direction}.fifo`;
}

export function deadLetterQueueNameFor(prefix: string, direction: SyncDirection): string {
  return `${prefix}-${direction}-dlq.fifo`;
}
