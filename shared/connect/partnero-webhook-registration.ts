import { partneroSyncedEvents } from '../partnero/webhook-delivery-schema';
import type { PartneroClient } from '../partnero/partnero-client';
import type { PartneroWebhook } from '../partnero/resource-schemas';

export const PARTNERO_WEBHOOK_NAME = 'Attio sync (Partnero ⇄ Attio)';

export interface RegisteredPartneroWebhook {
  readonly key: string;
  readonly secret: string;
  /** True when an existing webhook of ours was kept instead of creating one. */
  readonly reused: boolean;
  /** Keys of duplicates (ours, at the same URL) that were deleted. */
  readonly removedDuplicates: string[];
}

/**
 * Exactly one Partnero webhook of ours per program, found by its target URL: an existing one
 * that is active and subscribed to every event the sync needs is kept (with its secret, which
 * Partnero's list returns); any other of ours at that URL is deleted; if none fits, one is
 * created. Registering twice therefore never leaves two webhooks.
 */
export async function ensurePartneroWebhook(
  partnero: PartneroClient,
  targetUrl: string,
): Promise<RegisteredPartneroWebhook> {
  const ours = (await partnero.webhooks.list()).filter((webhook) => webhook.url === targetUrl);
  const keep = ours.find(isUsable);
  const removedDuplicates: string[] = [];
  for (const webhook of ours) {
    if (webhook === keep) continue;
    await partnero.webhooks.delete(webhook.key);
    removedDuplicates.push(webhook.key);
  }
  if (keep) return { key: keep.key, secret: keep.signature as string, reused: true, removedDuplicates };
  const created = await partnero.webhooks.create({
    name: PARTNERO_WEBHOOK_NAME,
    url: targetUrl,
    events: [...partneroSyncedEvents],
    is_active: true,
  });
  if (!created.signature) throw new Error('Partnero created the webhook without a signing secret');
  return { key: created.key, secret: created.signature, reused: false, removedDuplicates };
}

/** Deletes every webhook of ours (by key and by target URL); returns the keys deleted. */
export async function removePartneroWebhooks(
  partnero: PartneroClient,
  targetUrl: string,
  knownKey: string | null,
): Promise<string[]> {
  const removed: string[] = [];
  if (knownKey && (await partnero.webhooks.delete(knownKey)) === 'deleted') removed.push(knownKey);
  for (const webhook of await partnero.webhooks.list()) {
    if (webhook.url === targetUrl && !removed.includes(webhook.key)) {
      await partnero.webhooks.delete(webhook.key);
      removed.push(webhook.key);
    }
  }
  return removed;
}

function isUsable(webhook: PartneroWebhook): boolean {
  return (
    webhook.is_active !== false &&
    Boolean(webhook.signature) &&
    partneroSyncedEvents.every((event) => webhook.events.includes(event))
  );
}
