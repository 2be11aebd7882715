import { createHash } from 'node:crypto';
import * as z from 'zod';
import { keys } from '../store/keys';
import { expiresInDays } from '../store/expiry';

/*
 * What a parked delivery is and how it is stored, without the table client: the webhook routes
 * park over the one-request DynamoDB client (acknowledgement-writes.ts), the operators' replay
 * through `ParkedDeliveryStore`, both with `parkedDeliveryItem`.
 */

export const webhookProviders = ['partnero', 'attio'] as const;
export type WebhookProvider = (typeof webhookProviders)[number];

/**
 * A correctly signed delivery the service could not read (an unknown event type, a shape it does
 * not understand, a body that is not JSON). It was acknowledged, so the provider will not send it
 * again: this is the only copy, kept byte for byte so that a replay, once the service understands
 * it, reads exactly what the provider sent. Only the one header a replay needs is kept (Attio's
 * `Idempotency-Key`, which the delivery keys are built from); never the signature.
 */
export const parkedDeliverySchema = z.object({
  programId: z.string(),
  provider: z.enum(webhookProviders),
  parkedId: z.string(),
  rawBody: z.string(),
  idempotencyKey: z.string().nullable(),
  /** Why it was parked, one reason per event the service could not read. */
  reason: z.string(),
  sourceEvents: z.array(z.string()),
  receivedAt: z.string(),
  replayAttempts: z.number().int().nonnegative(),
  lastReplayAt: z.string().nullable(),
});
export type ParkedDelivery = z.infer<typeof parkedDeliverySchema>;

export type NewParkedDelivery = Omit<ParkedDelivery, 'parkedId' | 'replayAttempts' | 'lastReplayAt'>;

/**
 * How long a parked delivery waits for a replay. Long enough for a release that teaches the
 * service the new shape; bounded, so a provider that keeps sending something new cannot grow
 * the table forever. Sources are silent; an operator's choice.
 */
export const PARKED_DELIVERY_RETENTION_DAYS = 90;

/** Parks a delivery only if it is not parked yet: a retry of the same delivery keeps the first receipt. */
export const PARK_ONCE_CONDITION = 'attribute_not_exists(pk)';

/** A new parked delivery and its item, as `park` writes it (shared with the webhook routes' lean writer). */
export function parkedDeliveryItem(delivery: NewParkedDelivery): {
  parked: ParkedDelivery;
  item: Record<string, unknown>;
} {
  const parked: ParkedDelivery = {
    ...delivery,
    parkedId: parkedDeliveryId(delivery),
    replayAttempts: 0,
    lastReplayAt: null,
  };
  const item = {
    pk: keys.programPartition(parked.programId),
    sk: keys.parkedDelivery(parked.provider, parked.parkedId),
    expiresAt: expiresInDays(PARKED_DELIVERY_RETENTION_DAYS),
    ...parked,
  };
  return { parked, item };
}

/** Stable for one delivery: the provider, the program, Attio's idempotency key (when sent) and the bytes. */
export function parkedDeliveryId(
  delivery: Pick<NewParkedDelivery, 'provider' | 'programId' | 'idempotencyKey' | 'rawBody'>,
): string {
  return createHash('sha256')
    .update([delivery.provider, delivery.programId, delivery.idempotencyKey ?? '', delivery.rawBody].join('\n'))
    .digest('hex')
    .slice(0, 32);
}
