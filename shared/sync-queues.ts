/**
 * The two sync directions, each fed by its own FIFO queue with a dead-letter queue.
 *
 * FIFO with one message group per (program, record) serialises the events of one record
 * while records and programs proceed in parallel, so a burst of updates for one partner is
 * applied in the order Partnero sent it and never races itself into duplicates.
 */
export const syncDirections = ['partnero-to-attio', 'attio-to-partnero'] as const;
export type SyncDirection = (typeof syncDirections)[number];

/** After this many failed receives a message moves to the DLQ with its body intact. */
export const MAX_RECEIVE_COUNT = 5;

export function queueNameFor(prefix: string, direction: SyncDirection): string {
  return `${prefix}-${direction}.fifo`;
}

export function deadLetterQueueNameFor(prefix: string, direction: SyncDirection): string {
  return `${prefix}-${direction}-dlq.fifo`;
}
