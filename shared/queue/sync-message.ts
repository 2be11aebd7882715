import * as z from 'zod';

/**
 * What the webhook routes put on a sync queue: one provider event, the program it belongs to,
 * and the stable key of its delivery. The key is the same however often the provider retries,
 * so SQS FIFO deduplicates a redelivery within 5 minutes whatever its SQS message id; after
 * that the worker finds its work done (see `queue-worker.ts`).
 */
export const syncMessageSchema = z.object({
  programId: z.string().min(1),
  source: z.enum(['partnero', 'attio']),
  /** Partnero: sha256 of the raw body (it sends no event id). Attio: `Idempotency-Key` + the event's index. */
  deliveryKey: z.string().min(1),
  receivedAt: z.string(),
  /**
   * The record the event is about, within its program (`recordRoute` in shared/queue/sync-queues.ts):
   * the worker applies one record's events of a batch one after another and other records'
   * beside them. Absent on messages queued before lanes existed, whose SQS group was the record.
   */
  recordKey: z.string().min(1).optional(),
  /** The provider's event, already validated at the edge; the worker validates it again with the same schema. */
  event: z.unknown(),
});
export type SyncMessage = z.infer<typeof syncMessageSchema>;

/** Message attribute the worker sets on a message it dead-letters itself, so an operator sees why. */
export const FAILURE_REASON_ATTRIBUTE = 'failureReason';
